// The HomeNode dashboard: the house as a phone app sees it, over MQTT over WebSockets (MQTT.js), from the topics the
// firmware publishes (firmware/App: DerivedTopics, Announcer, DiscoveryEntities, DiagnosticsPublisher):
//   <base>/status            "online" / "offline", retained (the will says offline)   -> a device and its availability
//   <base>/diag              diagnostics JSON at QoS 0                                  -> the device's diagnostics
//   <sensor topic>/<level>   a reading, a decimal number (level: temperature, ...)     -> a reading with unit and history
//   <light topic>            "ON" / "OFF", retained                                     -> a light; commands go to <topic>/set
//   <prefix>/<component>/<node>/<object>/config   Home Assistant discovery, retained   -> names, units, command topics
// Floors and rooms come from a device's base topic: <house>/<floor>/<room> (ourhome/firstfloor/kitchen).
// Messages only change the model; the page is drawn once per animation frame, and only for floors that are open, so a
// fleet of a thousand devices stays responsive.
'use strict';

(function () {
  const HISTORY = 60;            // readings kept per plot
  const AUTO_OPEN_FLOORS = 4;    // more floors than this: all start collapsed
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

  const model = {
    floors: new Map(),       // name -> floor
    devices: new Map(),      // base topic -> device
    entities: new Map(),     // topic -> reading or light
    discovery: new Map(),    // state topic -> { name, unit, command }
    lightsOn: 0,
    online: 0,
    messages: 0,
    userTouchedFloors: false,
  };
  const dirty = { entities: new Set(), devices: new Set(), floors: new Set(), totals: true, frame: 0 };
  const utf8 = new TextDecoder();
  let settings = null;
  let client = null;

  const $ = (id) => document.getElementById(id);

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- the model --------------------------------------------------------------------------------------------

  function placeOf(base) {
    const levels = base.split('/');
    if (levels.length >= 3) return { floor: levels[1], room: levels.slice(2).join('/') };
    if (levels.length === 2) return { floor: levels[0], room: levels[1] };
    return { floor: '(house)', room: levels[0] };
  }

  function floorNamed(name) {
    let floor = model.floors.get(name);
    if (!floor) {
      floor = { name, rooms: new Map(), devices: 0, online: 0, lightsOn: 0, open: null, el: null, roomsEl: null, summaryEl: null };
      model.floors.set(name, floor);
      if (model.floors.size > AUTO_OPEN_FLOORS && !model.userTouchedFloors) {
        for (const f of model.floors.values()) { f.open = false; dirty.floors.add(f); }
      }
      floor.open = model.floors.size <= AUTO_OPEN_FLOORS && !model.userTouchedFloors;
    }
    return floor;
  }

  // A device is known for sure from its status topic; an entity seen first gets a provisional device at the level its
  // topic suggests, which the status topic confirms (the usual case) or whose entities move to the real one.
  function deviceAt(base, confirmed) {
    let device = model.devices.get(base);
    if (!device) {
      const place = placeOf(base);
      const floor = floorNamed(place.floor);
      let room = floor.rooms.get(place.room);
      if (!room) {
        room = { name: place.room, floor, devices: [], el: null };
        floor.rooms.set(place.room, room);
      }
      device = {
        base, name: base.split('/').pop(), room, floor, confirmed: false, online: null, diag: null,
        readings: [], lights: [], el: null, parts: null,
      };
      model.devices.set(base, device);
      room.devices.push(device);
      floor.devices++;
      dirty.totals = true;
      dirty.floors.add(floor);
    }
    if (confirmed && !device.confirmed) {
      device.confirmed = true;
      adoptEntitiesBelow(device);
    }
    return device;
  }

  function adoptEntitiesBelow(device) {
    const prefix = device.base + '/';
    for (const other of model.devices.values()) {
      if (other === device || other.confirmed || !other.base.startsWith(prefix)) continue;
      for (const entity of other.readings.concat(other.lights)) moveEntity(entity, device);
      removeDevice(other);
    }
  }

  function moveEntity(entity, device) {
    const list = entity.kind === 'reading' ? entity.device.readings : entity.device.lights;
    list.splice(list.indexOf(entity), 1);
    if (entity.el) entity.el.remove();
    entity.el = null;
    if (entity.kind === 'light' && entity.on) { entity.device.floor.lightsOn--; device.floor.lightsOn++; }
    entity.device = device;
    (entity.kind === 'reading' ? device.readings : device.lights).push(entity);
    markEntity(entity);
  }

  function removeDevice(device) {
    model.devices.delete(device.base);
    const room = device.room;
    room.devices.splice(room.devices.indexOf(device), 1);
    device.floor.devices--;
    if (device.online) { device.floor.online--; model.online--; }
    if (device.el) device.el.remove();
    dirty.totals = true;
    dirty.floors.add(device.floor);
  }

  function ownerOf(topic, guess) {
    const levels = topic.split('/');
    for (let n = levels.length - 1; n >= 1; n--) {
      const device = model.devices.get(levels.slice(0, n).join('/'));
      if (device && device.confirmed) return device;
    }
    return deviceAt(guess, false);
  }

  function relativeName(entity) {
    const known = model.discovery.get(entity.topic);
    if (known && known.name) return known.name;
    const base = entity.device.base + '/';
    const rest = entity.topic.startsWith(base) ? entity.topic.slice(base.length) : entity.topic;
    return rest.split('/').join(' ');
  }

  function parentOf(topic, levelsUp) {
    const levels = topic.split('/');
    return levels.slice(0, Math.max(1, levels.length - levelsUp)).join('/');
  }

  function onStatus(base, online) {
    const device = deviceAt(base, true);
    if (device.online !== online) {
      if (device.online) { device.floor.online--; model.online--; }
      if (online) { device.floor.online++; model.online++; }
      device.online = online;
      dirty.totals = true;
      dirty.floors.add(device.floor);
    }
    markDevice(device);
  }

  function onDiagnostics(base, text) {
    const device = deviceAt(base, false);
    try {
      device.diag = JSON.parse(text);
    } catch (e) {
      device.diag = { unreadable: text };
    }
    device.diagAt = Date.now();
    markDevice(device);
  }

  function newReading(topic, device) {
    const reading = { kind: 'reading', topic, level: topic.split('/').pop(), device, value: NaN, history: [], count: 0, at: 0, el: null, parts: null };
    model.entities.set(topic, reading);
    device.readings.push(reading);
    markEntity(reading);
    return reading;
  }

  function newLight(topic, device) {
    const light = { kind: 'light', topic, device, on: null, pending: null, el: null, parts: null };
    model.entities.set(topic, light);
    device.lights.push(light);
    markEntity(light);
    return light;
  }

  function onReading(topic, value) {
    let reading = model.entities.get(topic);
    if (!reading) {
      // <sensor topic>/<level>: the sensor topic is usually <base>/<sensor name>
      reading = newReading(topic, ownerOf(topic, parentOf(topic, topic.split('/').length >= 5 ? 2 : 1)));
    }
    if (reading.kind !== 'reading') return; // a light's topic with a number on it: not ours to draw
    reading.value = value;
    reading.history.push(value);
    if (reading.history.length > HISTORY) reading.history.shift();
    reading.count++;
    reading.at = Date.now();
    markEntity(reading);
  }

  function onLight(topic, on) {
    let light = model.entities.get(topic);
    if (!light) light = newLight(topic, ownerOf(topic, parentOf(topic, 1)));
    if (light.kind !== 'light') return;
    if (light.on !== on) {
      if (light.on) { model.lightsOn--; light.device.floor.lightsOn--; }
      if (on) { model.lightsOn++; light.device.floor.lightsOn++; }
      light.on = on;
      dirty.totals = true;
      dirty.floors.add(light.device.floor);
    }
    light.pending = null;
    markEntity(light);
  }

  // A discovery config names an entity before its first reading (readings are not retained), with its device: the
  // availability topic is <base>/status.
  function onDiscovery(topic, text) {
    let config;
    try {
      config = JSON.parse(text);
    } catch (e) {
      return; // not a discovery config we can read; the topics still show the entity
    }
    if (!config || typeof config.state_topic !== 'string') return;
    model.discovery.set(config.state_topic, {
      name: typeof config.name === 'string' ? config.name : null,
      unit: typeof config.unit_of_measurement === 'string' ? config.unit_of_measurement : null,
      command: typeof config.command_topic === 'string' ? config.command_topic : null,
    });
    const entity = model.entities.get(config.state_topic);
    if (entity) {
      markEntity(entity);
      return;
    }
    const availability = typeof config.availability_topic === 'string' ? config.availability_topic : '';
    if (!availability.endsWith('/status')) return;
    const device = deviceAt(availability.slice(0, -'/status'.length), true);
    const component = topic.split('/')[1];
    if (component === 'light' && typeof config.command_topic === 'string') newLight(config.state_topic, device);
    else if (component === 'sensor') newReading(config.state_topic, device);
  }

  function onMessage(topic, payload) {
    model.messages++;
    const text = utf8.decode(payload).trim();
    const last = topic.slice(topic.lastIndexOf('/') + 1);
    if (last === 'config' && text.startsWith('{')) {
      onDiscovery(topic, text);
    } else if (last === 'status' && (text === 'online' || text === 'offline')) {
      onStatus(topic.slice(0, -'/status'.length), text === 'online');
    } else if (last === 'diag' && topic.includes('/')) {
      onDiagnostics(topic.slice(0, -'/diag'.length), text);
    } else if (last === 'set' || last === 'status') {
      // commands (ours, a phone's) and other status topics (Home Assistant's own): nothing to show
    } else if (text === 'ON' || text === 'OFF') {
      onLight(topic, text === 'ON');
    } else if (text !== '' && Number.isFinite(Number(text)) && topic.includes('/')) {
      onReading(topic, Number(text));
    }
  }

  // ---- drawing, once per frame ------------------------------------------------------------------------------

  function markEntity(entity) {
    dirty.entities.add(entity);
    schedule();
  }

  function markDevice(device) {
    dirty.devices.add(device);
    schedule();
  }

  function schedule() {
    if (!dirty.frame) dirty.frame = requestAnimationFrame(draw);
  }

  function draw() {
    dirty.frame = 0;
    if (dirty.totals) {
      dirty.totals = false;
      setCount($('lights-on'), model.lightsOn);
      setCount($('devices-online'), model.online);
      setCount($('devices-total'), model.devices.size);
      $('empty').hidden = model.devices.size > 0;
    }
    for (const floor of dirty.floors) drawFloor(floor);
    dirty.floors.clear();
    for (const device of dirty.devices) {
      if (device.floor.open && model.devices.get(device.base) === device) drawDevice(device);
    }
    dirty.devices.clear();
    for (const entity of dirty.entities) {
      if (entity.device.floor.open) drawEntity(entity);
    }
    dirty.entities.clear();
  }

  function setCount(el, n) {
    if (el.dataset.count !== String(n)) {
      el.dataset.count = String(n);
      el.textContent = String(n);
    }
  }

  function floorElement(floor) {
    if (!floor.el) {
      floor.el = element('section', 'floor');
      floor.el.dataset.floor = floor.name;
      const header = element('header');
      header.appendChild(element('h2', null, floor.name));
      floor.summaryEl = element('span', 'summary');
      header.appendChild(floor.summaryEl);
      header.addEventListener('click', () => {
        model.userTouchedFloors = true;
        setOpen(floor, !floor.open);
      });
      floor.el.appendChild(header);
      floor.roomsEl = element('div', 'rooms');
      floor.el.appendChild(floor.roomsEl);
      insertSorted($('house'), floor.el, 'floor', floor.name);
      floor.drawnOpen = false;
    }
    return floor.el;
  }

  function drawFloor(floor) {
    floorElement(floor);
    floor.el.dataset.open = String(floor.open);
    floor.el.dataset.devices = String(floor.devices);
    floor.el.dataset.online = String(floor.online);
    floor.el.dataset.lightsOn = String(floor.lightsOn);
    floor.summaryEl.textContent = floor.rooms.size + (floor.rooms.size === 1 ? ' room · ' : ' rooms · ') + floor.online + '/' + floor.devices +
      ' devices online · ' + floor.lightsOn + (floor.lightsOn === 1 ? ' light on' : ' lights on');
    if (floor.open && !floor.drawnOpen) {
      // opened: bring every device and entity of the floor up to date
      floor.drawnOpen = true;
      for (const room of floor.rooms.values()) {
        for (const device of room.devices) {
          drawDevice(device);
          for (const entity of device.readings) drawEntity(entity);
          for (const entity of device.lights) drawEntity(entity);
        }
      }
    } else if (!floor.open) {
      floor.drawnOpen = false;
    }
  }

  function setOpen(floor, open) {
    floor.open = open;
    dirty.floors.add(floor);
    schedule();
  }

  // Siblings stay in natural order (floor2 before floor10) of their data-<key> (by default data-<className>).
  function insertSorted(parent, el, className, name, key) {
    const field = key || className;
    for (const sibling of parent.children) {
      if (sibling.classList.contains(className) && collator.compare(sibling.dataset[field], name) > 0) {
        parent.insertBefore(el, sibling);
        return;
      }
    }
    parent.appendChild(el);
  }

  function roomElement(room) {
    if (!room.el) {
      room.el = element('div', 'room');
      room.el.dataset.room = room.name;
      room.el.appendChild(element('h3', null, room.name));
      floorElement(room.floor);
      insertSorted(room.floor.roomsEl, room.el, 'room', room.name);
    }
    return room.el;
  }

  function drawDevice(device) {
    if (!device.el) {
      const el = element('article', 'device');
      el.dataset.base = device.base;
      const head = element('div', 'head');
      const name = element('span', 'name', device.name);
      name.title = device.base;
      const badge = element('span', 'badge');
      head.appendChild(name);
      head.appendChild(badge);
      el.appendChild(head);
      const readings = element('div', 'readings');
      const lights = element('div', 'lights');
      el.appendChild(readings);
      el.appendChild(lights);
      const diag = element('details', 'diag');
      diag.appendChild(element('summary', null, 'diagnostics'));
      const list = element('dl');
      diag.appendChild(list);
      diag.hidden = true;
      el.appendChild(diag);
      device.parts = { badge, readings, lights, diag, list };
      device.el = el;
      roomElement(device.room).appendChild(el);
    }
    const p = device.parts;
    device.el.dataset.online = device.online === null ? 'unknown' : String(device.online);
    p.badge.textContent = device.online === null ? 'unknown' : device.online ? 'online' : 'offline';
    if (device.diag) {
      p.diag.hidden = false;
      const rows = [];
      for (const key of Object.keys(device.diag)) rows.push([key, formatDiag(key, device.diag[key])]);
      if (p.list.childElementCount !== rows.length * 2) {
        p.list.replaceChildren();
        for (const [key] of rows) {
          p.list.appendChild(element('dt', null, key.replace(/_s$/, '').replace(/_/g, ' ')));
          p.list.appendChild(element('dd'));
        }
      }
      rows.forEach(([, value], i) => {
        const dd = p.list.children[i * 2 + 1];
        if (dd.textContent !== value) dd.textContent = value;
      });
    }
  }

  function formatDiag(key, value) {
    if (key === 'uptime_s' && typeof value === 'number') {
      const h = Math.floor(value / 3600), m = Math.floor((value % 3600) / 60), s = value % 60;
      return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s';
    }
    if (key === 'free_memory' && typeof value === 'number') return value.toLocaleString() + ' B';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  function drawEntity(entity) {
    if (!entity.device.el) drawDevice(entity.device);
    if (entity.kind === 'reading') drawReading(entity); else drawLight(entity);
  }

  function drawReading(reading) {
    if (!reading.el) {
      const el = element('div', 'reading');
      el.dataset.topic = reading.topic;
      const label = element('span', 'label');
      const value = element('span', 'value');
      const number = element('span', 'number');
      const unit = element('span', 'unit');
      value.appendChild(number);
      value.appendChild(unit);
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 100 24');
      svg.setAttribute('preserveAspectRatio', 'none');
      const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
      svg.appendChild(line);
      el.appendChild(label);
      el.appendChild(value);
      el.appendChild(svg);
      reading.parts = { label, number, unit, line };
      reading.el = el;
      insertSorted(reading.device.parts.readings, el, 'reading', reading.topic, 'topic');
    }
    const p = reading.parts;
    const known = model.discovery.get(reading.topic);
    p.label.textContent = relativeName(reading);
    p.number.textContent = Number.isFinite(reading.value) ? String(reading.value) : '–';
    p.unit.textContent = (known && known.unit) || (settings.units && settings.units[reading.level]) || '';
    reading.el.dataset.count = String(reading.count);
    reading.el.dataset.at = String(reading.at);
    reading.el.title = 'last reading ' + new Date(reading.at).toLocaleTimeString() + ' on ' + reading.topic;
    p.line.setAttribute('points', plotPoints(reading.history));
  }

  // The readings kept (the last HISTORY), scaled into the plot's 100 x 24 box (2 units of margin), oldest on the left.
  function plotPoints(history) {
    if (history.length === 0) return '';
    let min = Infinity, max = -Infinity;
    for (const v of history) { if (v < min) min = v; if (v > max) max = v; }
    const span = max - min || 1;
    const step = history.length > 1 ? 100 / (history.length - 1) : 0;
    let points = '';
    history.forEach((v, i) => {
      const x = history.length > 1 ? i * step : 100;
      const y = 22 - ((v - min) / span) * 20;
      points += x.toFixed(1) + ',' + y.toFixed(1) + ' ';
    });
    return points;
  }

  function drawLight(light) {
    if (!light.el) {
      const el = element('div', 'light');
      el.dataset.topic = light.topic;
      const label = element('span', 'label');
      const button = element('button', 'switch');
      button.type = 'button';
      button.setAttribute('role', 'switch');
      button.addEventListener('click', () => switchLight(light));
      el.appendChild(label);
      el.appendChild(button);
      light.parts = { label, button };
      light.el = el;
      insertSorted(light.device.parts.lights, el, 'light', light.topic, 'topic');
    }
    const p = light.parts;
    p.label.textContent = relativeName(light);
    light.el.dataset.on = light.on === null ? 'unknown' : String(light.on);
    p.button.setAttribute('aria-checked', String(light.on === true));
    p.button.setAttribute('aria-label', 'switch ' + relativeName(light) + (light.on ? ' off' : ' on'));
    p.button.dataset.pending = String(light.pending !== null);
  }

  // The light's command topic (discovery's command_topic, else <state topic>/set, as the firmware subscribes);
  // the switch shows the new state only when the device publishes it.
  function switchLight(light) {
    if (!client || !client.connected) return;
    const known = model.discovery.get(light.topic);
    const command = (known && known.command) || light.topic + '/set';
    const wanted = !light.on;
    light.pending = wanted;
    markEntity(light);
    client.publish(command, wanted ? 'ON' : 'OFF', { qos: 1 });
    setTimeout(() => {
      if (light.pending === wanted) { light.pending = null; markEntity(light); }
    }, 5000);
  }

  // ---- the connection ---------------------------------------------------------------------------------------

  function setConnection(state, detail) {
    const el = $('connection');
    el.dataset.state = state;
    $('connection-text').textContent = detail ? state + ': ' + detail : state;
  }

  function connect() {
    const query = new URLSearchParams(location.search);
    const url = query.get('broker') || settings.broker;
    $('broker').textContent = url;
    const options = {
      clientId: 'homenode-dashboard-' + Math.random().toString(16).slice(2, 10),
      protocolVersion: 4,        // MQTT 3.1.1, like the devices
      clean: true,
      keepalive: 30,
      reconnectPeriod: 1000,     // a broker restart: try again every second
      connectTimeout: 5000,
      resubscribe: false,        // subscribed again on every connect below
    };
    if (settings.username) { options.username = settings.username; options.password = settings.password; }
    client = mqtt.connect(url, options);
    setConnection('connecting');
    client.on('connect', () => {
      const el = $('connection');
      el.dataset.connects = String(Number(el.dataset.connects) + 1);
      setConnection('connected');
      const topics = query.getAll('topic').length ? query.getAll('topic') : settings.topics;
      client.subscribe(topics, { qos: 1 }, (error) => {
        if (error) setConnection('connected', 'subscribe failed: ' + error.message);
      });
    });
    client.on('reconnect', () => setConnection('reconnecting'));
    client.on('close', () => { if ($('connection').dataset.state === 'connected') setConnection('reconnecting'); });
    client.on('offline', () => setConnection('offline'));
    client.on('error', (error) => setConnection($('connection').dataset.state, error.message));
    client.on('message', onMessage);
  }

  function start() {
    $('expand-all').addEventListener('click', () => {
      model.userTouchedFloors = true;
      for (const floor of model.floors.values()) setOpen(floor, true);
    });
    $('collapse-all').addEventListener('click', () => {
      model.userTouchedFloors = true;
      for (const floor of model.floors.values()) setOpen(floor, false);
    });
    let counted = 0;
    setInterval(() => {
      $('rate').textContent = String(model.messages - counted);
      counted = model.messages;
    }, 1000);
    fetch('config.json', { cache: 'no-store' })
      .then((response) => {
        if (!response.ok) throw new Error('config.json: HTTP ' + response.status);
        return response.json();
      })
      .then((loaded) => {
        settings = loaded;
        if (typeof mqtt === 'undefined') throw new Error('MQTT.js (mqtt.min.js) did not load');
        connect();
      })
      .catch((error) => setConnection('offline', error.message));
  }

  start();
})();
