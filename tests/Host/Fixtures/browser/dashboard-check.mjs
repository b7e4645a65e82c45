// Drives the simulator's dashboard in a real browser: Debian's headless Chromium through Playwright (playwright-core,
// no browser download). Started by tests/Host/Simulator/DashboardBrowserTests.cs against a running simulator; also
// makes the README's screenshot (docs/dashboard.png). Each step prints one line; the first failure prints
// "FAIL <what>" and exits with 1.
//
//   node dashboard-check.mjs house   URL [--screenshot FILE]   readings, diagnostics, a light switched on from the page
//   node dashboard-check.mjs restart URL                       READY, then the caller restarts the broker: DISCONNECTED, RECONNECTED
//   node dashboard-check.mjs fleet   URL DEVICES                floors collapsed, counts, one floor opened
import { chromium } from 'playwright-core';

const [mode, url, ...rest] = process.argv.slice(2);
const STEP = 30000; // longest wait for any one step, ms
const browserPath = process.env.HOMENODE_CHROMIUM || '/usr/bin/chromium';

function say(line) {
  process.stdout.write(line + '\n');
}

function fail(message) {
  say('FAIL ' + message);
  process.exitCode = 1;
  throw new Error(message);
}

async function step(what, action) {
  try {
    return await action();
  } catch (error) {
    if (error.message.startsWith(what)) throw error;
    fail(what + ': ' + error.message.split('\n')[0]);
  }
}

const textOf = (page, selector) => page.locator(selector).first().textContent({ timeout: STEP });

async function house(page) {
  const screenshot = rest[0] === '--screenshot' ? rest[1] : null;
  const base = 'ourhome/firstfloor/kitchen';
  await step('connected to the broker', () => page.waitForSelector('#connection[data-state="connected"]', { timeout: STEP }));
  say('CONNECTED ' + (await textOf(page, '#broker')));
  await step('floor and room from the topics', () => page.waitForSelector('.floor[data-floor="firstfloor"] .room[data-room="kitchen"]', { timeout: STEP }));
  await step('device online', () => page.waitForSelector('.device[data-base="' + base + '"][data-online="true"]', { timeout: STEP }));
  say('DEVICE ' + base + ' online');
  const temperature = '.reading[data-topic="' + base + '/window-climate/temperature"]'; // no min_change: a reading every period
  await step('a temperature reading with a plot', () =>
    page.waitForFunction((s) => {
      const e = document.querySelector(s);
      return e && Number(e.dataset.count) >= 2 && e.querySelector('polyline').getAttribute('points').trim().split(' ').length >= 2;
    }, temperature, { timeout: STEP }));
  const value = await textOf(page, temperature + ' .number');
  const unit = await textOf(page, temperature + ' .unit');
  if (!Number.isFinite(Number(value)) || unit !== '\u00B0C') fail('temperature reading shows "' + value + '" "' + unit + '"');
  say('READING ' + base + '/window-climate/temperature ' + value + ' ' + unit);
  const pressureUnit = await step('a pressure reading', () => textOf(page, '.reading[data-topic="' + base + '/pantry/pressure"] .unit'));
  if (pressureUnit !== 'hPa') fail('pressure unit "' + pressureUnit + '"');
  // diagnostics are not retained: the next report comes within diagnostics_period (60 s by default)
  await step('diagnostics', () => page.waitForFunction(() => [...document.querySelectorAll('.diag dt')].some((e) => e.textContent === 'uptime'), null, { timeout: 75000 }));
  say('DIAGNOSTICS ' + (await page.locator('.device[data-base="' + base + '"] .diag dl').textContent()).replace(/\s+/g, ' ').trim().slice(0, 200));

  const light = '.light[data-topic="' + base + '/counter"]';
  await step('the counter light, off', () => page.waitForSelector(light + '[data-on="false"]', { timeout: STEP }));
  const before = Number(await page.getAttribute('#lights-on', 'data-count'));
  say('LIGHTS_ON ' + before);
  await page.click(light + ' .switch');
  await step('the light turned on', () => page.waitForSelector(light + '[data-on="true"]', { timeout: STEP }));
  await step('the house-wide count went up', () =>
    page.waitForFunction((n) => Number(document.getElementById('lights-on').dataset.count) === n, before + 1, { timeout: STEP }));
  say('SWITCHED ' + base + '/counter ON; lights on ' + (before + 1));

  if (screenshot) {
    // a few more readings, so the plots have a line to show
    await page.waitForFunction((s) => Number(document.querySelector(s).dataset.count) >= 6, temperature, { timeout: 60000 }).catch(() => {});
    await page.locator('.device[data-base="' + base + '"] .diag').evaluate((e) => { e.open = true; });
    await page.screenshot({ path: screenshot, fullPage: true });
    say('SCREENSHOT ' + screenshot);
  }
}

async function restart(page) {
  await step('connected to the broker', () => page.waitForSelector('#connection[data-state="connected"]', { timeout: STEP }));
  await step('a reading', () => page.waitForSelector('.reading[data-count]', { timeout: STEP }));
  say('READY');
  await step('the broker going away noticed', () => page.waitForSelector('#connection:not([data-state="connected"])', { timeout: STEP }));
  say('DISCONNECTED ' + (await textOf(page, '#connection-text')));
  await step('connected again', () => page.waitForSelector('#connection[data-state="connected"][data-connects="2"]', { timeout: STEP * 2 }));
  const since = await page.evaluate(() => Date.now());
  await step('a reading after the restart', () =>
    page.waitForFunction((t) => [...document.querySelectorAll('.reading')].some((e) => Number(e.dataset.at) > t), since, { timeout: STEP }));
  say('RECONNECTED');
}

async function fleet(page) {
  const devices = Number(rest[0]);
  const floors = Math.ceil(devices / 10); // ourhome/floor<i/10>/room<i%10> (SimulatorOptions: --devices)
  await step('connected to the broker', () => page.waitForSelector('#connection[data-state="connected"]', { timeout: STEP }));
  await step(devices + ' devices online', () =>
    page.waitForFunction((n) => Number(document.getElementById('devices-online').dataset.count) === n, devices, { timeout: STEP * 2 }));
  const total = Number(await page.getAttribute('#devices-total', 'data-count'));
  const drawn = await page.locator('.floor').count();
  const open = await page.locator('.floor[data-open="true"]').count();
  const deviceCards = await page.locator('.device:visible').count();
  say('FLEET devices ' + total + ' floors ' + drawn + ' open ' + open + ' device cards shown ' + deviceCards);
  if (total !== devices || drawn !== floors) fail('expected ' + devices + ' devices on ' + floors + ' floors');
  if (open !== 0 || deviceCards !== 0) fail('a fleet starts with every floor collapsed');
  const summary = await textOf(page, '.floor[data-floor="floor3"] .summary');
  say('FLOOR floor3 ' + summary);

  const opened = Date.now();
  await page.click('.floor[data-floor="floor3"] > header');
  await step('floor3 opened with its rooms and devices', () =>
    page.waitForFunction(() => {
      const floor = document.querySelector('.floor[data-floor="floor3"]');
      return floor.dataset.open === 'true' && floor.querySelectorAll('.room').length === 10 && floor.querySelectorAll('.device[data-online="true"]').length === 10;
    }, null, { timeout: STEP }));
  const openMs = Date.now() - opened;
  await step('readings on floor3', () => page.waitForFunction(() => document.querySelectorAll('.floor[data-floor="floor3"] .reading[data-count]').length >= 10, null, { timeout: STEP }));
  // how long the page takes to answer while the fleet's messages keep arriving: the longest gap between frames
  const longestFrameMs = await page.evaluate(() => new Promise((done) => {
    let last = performance.now(), longest = 0;
    const end = last + 2000;
    function frame(now) {
      longest = Math.max(longest, now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame); else done(Math.round(longest));
    }
    requestAnimationFrame(frame);
  }));
  const rate = await textOf(page, '#rate');
  say('OPENED floor3 in ' + openMs + ' ms; longest frame gap ' + longestFrameMs + ' ms at ' + rate + ' messages/s');
}

const modes = { house, restart, fleet };
if (!modes[mode] || !url) {
  say('usage: node dashboard-check.mjs house|restart|fleet URL [...]');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  page.on('pageerror', (error) => { pageErrors.push(error.message); say('PAGE_ERROR ' + error.message); });
  page.on('console', (message) => { if (message.type() === 'error') say('CONSOLE_ERROR ' + message.text()); });
  await step('page loads', () => page.goto(url, { timeout: STEP }));
  await modes[mode](page);
  if (pageErrors.length > 0) fail('the page threw: ' + pageErrors[0]);
  say('PASS ' + mode);
} catch (error) {
  if (!process.exitCode) say('FAIL ' + error.message.split('\n')[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
