#!/usr/bin/env bash
# Proves on the real nanoFramework runtime (nanoCLR) that a Release build of the firmware speaks: firmware/Device is
# compiled in Release against the real class libraries of the toolchain that ../shared/nftool/rebuild.sh builds (not
# part of this repository; NFTOOL names its output folder), made into .pe files and started on nanoCLR. On a PC
# File.Exists("I:\config.ini") is false, so the firmware must report the missing configuration file.
#
#   NFTOOL=/path/to/nftool tests/DeviceRunner/run-firmware-release.sh [--no-build]
#
# 1. turns firmware/Device/HomeNode.Device.nfproj into an SDK project against $NFTOOL/ref (scripts/nfproj2sdk.py)
#    and builds it in Release (no DEBUG symbol, so every Debug.WriteLine is compiled out: mscorlib 1.17.11 marks it
#    [Conditional("DEBUG")]) unless --no-build;
# 2. makes HomeNode.Device.pe with the toolchain's metadata processor;
# 3. runs it on nanoCLR with the .pe files of what it references, bounded by a timeout: after a configuration
#    problem Main sleeps forever (Thread.Sleep(Timeout.Infinite)), so the timeout is the normal end and the exit code
#    says nothing; the check is on the output;
# 4. prints what the firmware printed and "firmware Release output: OK", or FAILED (exit 1) when the missing-config
#    line is not among it.
# Without NFTOOL (CI cannot build the toolchain) it prints one line saying so and exits 0.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=1
for arg in "$@"; do
  case $arg in
    --no-build) build=0 ;;
    *) echo "usage: NFTOOL=<toolchain> $0 [--no-build]" >&2; exit 2 ;;
  esac
done

if [ -z "${NFTOOL:-}" ] || [ ! -x "${NFTOOL}/bin/nanoclr" ]; then
  echo "firmware Release output: skipped (no nanoFramework toolchain: set NFTOOL to the output of ../shared/nftool/rebuild.sh)"
  exit 0
fi

# What the firmware must print (firmware/App/Diagnostics/ConfigReport.cs, path from firmware/Device/ConfigFile.cs).
expected='I:\config.ini: not found; deploy it with flash.ps1 -ConfigFile'
timeout_seconds=20

out="$here/bin/Release/firmware-release"
project="$out/project"
dll="$project/bin/Release/HomeNode.Device.dll"
if [ "$build" = 1 ]; then
  echo "== firmware/Device: SDK project against \$NFTOOL/ref, Release build"
  rm -rf "$project"
  python3 "$NFTOOL/scripts/nfproj2sdk.py" "$root/firmware/Device/HomeNode.Device.nfproj" "$project" \
    --version 1.0.0.0 --refdir "$NFTOOL/ref" >/dev/null
  dotnet build "$project/HomeNode.Device.csproj" -c Release -nologo -v:q >/dev/null
fi
if [ ! -f "$dll" ]; then
  echo "firmware Release output: FAILED ($dll is missing; run without --no-build)"
  exit 1
fi

echo "== metadata processor: HomeNode.Device.dll -> .pe"
"$NFTOOL/bin/nanope" "$out/HomeNode.Device.pe" "$dll" "$NFTOOL/ref" >"$out/nanope.txt" 2>&1 || {
  cat "$out/nanope.txt"; echo "firmware Release output: FAILED (metadata processor)"; exit 1; }

# Load order: what each assembly references comes first (the AssemblyRef tables of HomeNode.Device.dll and of
# $NFTOOL/ref/*.dll); nanoCLR links them in the order given and runs the last entry point, HomeNode.Device's Main.
references=(
  mscorlib nanoFramework.Runtime.Events nanoFramework.Runtime.Native nanoFramework.System.Text System.Threading
  System.IO.Streams System.Net System.IO.FileSystem System.Device.Gpio System.Device.I2c System.Device.Wifi System.Math
  System.Device.Model System.Diagnostics.Stopwatch nanoFramework.Hardware.Esp32.Rmt nanoFramework.Hardware.Esp32 UnitsNet.Temperature
  UnitsNet.RelativeHumidity Iot.Device.Dhtxx.Esp32
)
pes=()
for r in "${references[@]}"; do
  pes+=("$NFTOOL/pe/$r.pe")
done
pes+=("$out/HomeNode.Device.pe")

echo "== nanoCLR: $NFTOOL/bin/nanoclr (ends by the ${timeout_seconds} s timeout: the firmware waits for a config)"
log="$out/nanoclr.txt"
timeout "$timeout_seconds" "$NFTOOL/bin/nanoclr" "${pes[@]}" 2>&1 | tr -d '\r' >"$log" || true

# The firmware's own output follows nanoCLR's "Ready." line.
echo "-- what the firmware printed:"
printed=$(sed -n '/^Ready\.$/,$p' "$log" | sed '1d')
if [ -n "$printed" ]; then
  printf '%s\n' "$printed" | sed 's/^/   /'
else
  echo "   (nothing; the last lines of nanoCLR follow)"
  tail -n 15 "$log" | sed 's/^/   /'
fi
echo "--"

if printf '%s\n' "$printed" | grep -qxF "$expected"; then
  echo "firmware Release output: OK"
else
  echo "firmware Release output: FAILED (expected the line: $expected; full log in $log)"
  exit 1
fi
