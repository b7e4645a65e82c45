#!/usr/bin/env bash
# Runs every HomeNode test on a fresh Debian machine: installs what the tests need (mosquitto for the
# integration tests, libmosquitto1 and strace for the bench's C reference client and its system call count,
# Node.js and the aedes broker for the WebSocket tests, Chromium and Playwright for the dashboard's browser
# tests, PowerShell for flash.ps1),
# builds both flavours (net10.0 and the device mscorlib), then runs the whole suite. With NFTOOL naming a
# nanoFramework toolchain (../shared/nftool/rebuild.sh; it cannot be built on CI), the portable suite then
# also runs on the real runtime, nanoCLR.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else echo "test.sh: needs mosquitto; run as root or install it first: apt-get install mosquitto" >&2; exit 1; fi
}

if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  echo "== installing mosquitto (integration tests start their own broker on a loopback port)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq mosquitto >/dev/null
fi

# the bench's third contender is libmosquitto (called through P/Invoke: only the runtime library is needed), and
# it counts system calls per message with strace
if ! ldconfig -p 2>/dev/null | grep -q 'libmosquitto\.so\.1' || ! command -v strace >/dev/null 2>&1; then
  echo "== installing libmosquitto1 and strace (the bench's C reference client; system calls per message)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq libmosquitto1 strace >/dev/null
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm (aedes, a WebSocket MQTT broker the tests run, MQTT.js for the dashboard and Playwright are npm packages)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq nodejs npm >/dev/null
fi

# aedes and ws at the versions package-lock.json pins (tests/Host/Fixtures/AedesBroker.cs starts them)
aedes_dir=tests/Host/Fixtures/aedes
if ! cmp -s "$aedes_dir/package-lock.json" "$aedes_dir/node_modules/.installed-from-lock" 2>/dev/null; then
  echo "== installing the aedes WebSocket broker (npm ci in $aedes_dir)"
  npm ci --prefix "$aedes_dir" --no-audit --no-fund --loglevel=error >/dev/null
  cp "$aedes_dir/package-lock.json" "$aedes_dir/node_modules/.installed-from-lock"
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Chromium (the dashboard tests drive it headless through Playwright)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium >/dev/null
fi

# playwright-core at the version package-lock.json pins: it drives /usr/bin/chromium and downloads no browser
# (tests/Host/Fixtures/DashboardBrowser.cs runs dashboard-check.mjs). MQTT.js, which the dashboard itself needs, is
# installed by the simulator's build (tools/Simulator/HomeNode.Simulator.csproj).
browser_dir=tests/Host/Fixtures/browser
if ! cmp -s "$browser_dir/package-lock.json" "$browser_dir/node_modules/.installed-from-lock" 2>/dev/null; then
  echo "== installing Playwright (npm ci in $browser_dir)"
  npm ci --prefix "$browser_dir" --no-audit --no-fund --loglevel=error >/dev/null
  cp "$browser_dir/package-lock.json" "$browser_dir/node_modules/.installed-from-lock"
fi

if [ ! -x .tools/pwsh ]; then
  echo "== installing PowerShell as a dotnet tool into .tools (flash.ps1 is tested in -WhatIf mode)"
  dotnet tool install PowerShell --version 7.6.9 --tool-path .tools >/dev/null
fi
export HOMENODE_PWSH="$PWD/.tools/pwsh"

echo "== building (net10.0 and nano)"
dotnet build HomeNode.slnx -c Release -nologo -v:q

echo "== testing"
dotnet test HomeNode.slnx -c Release --no-build -nologo -v:q --logger "console;verbosity=normal" "$@"

echo "== the portable suite on nanoCLR (the device runtime)"
if [ -n "${NFTOOL:-}" ] && [ -x "${NFTOOL}/bin/nanoclr" ]; then
  tests/DeviceRunner/run-nanoclr.sh --no-build
  tests/Device/run-testframework.sh
  tests/DeviceRunner/run-firmware-release.sh
else
  echo "nanoCLR suite: skipped (NFTOOL is not set to a nanoFramework toolchain; see README, Testing on the device runtime)"
fi
