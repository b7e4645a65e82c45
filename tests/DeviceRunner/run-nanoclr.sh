#!/usr/bin/env bash
# Runs the portable suite on the real nanoFramework runtime (nanoCLR), with the toolchain that
# ../shared/nftool/rebuild.sh builds (not part of this repository): NFTOOL names its output folder.
#
#   NFTOOL=/path/to/nftool tests/DeviceRunner/run-nanoclr.sh [--no-build]
#
# 1. builds tests/DeviceRunner (net10.0 and nano; not with --no-build, for callers that built the solution), and
#    always tests/DeviceAllocation (nano only, against the toolchain's nanoFramework.Runtime.Native) and
#    firmware/Device (its .nfproj turned into an SDK project against the toolchain's class libraries by
#    $NFTOOL/scripts/nfproj2sdk.py);
# 2. turns every nano assembly into a .pe with the toolchain's metadata processor (this is where a string table
#    over 64 KB would fail);
# 3. runs the suite on nanoCLR (64-bit, and the 32-bit build when the toolchain has one) and on .NET, and
#    compares the case lists: every case the host runs must be reported by the device, as passed, failed or
#    skipped with its reason;
# 4. prints "N passed, N failed" per runtime;
# 5. runs tests/DeviceAllocation on each nanoCLR: 10,000 QoS 0 and 10,000 QoS 1 publish+receive cycles must leave
#    free memory after a compacting GC unchanged (delta 0 bytes) and, with the heap filled, need no GC at all;
# 6. prints the footprint nanoCLR reports as it loads our assemblies, the linked firmware and nanoFramework.M2Mqtt
#    5.1 (the bench prints the same table: dotnet run --project tools/Bench -c Release -- --footprint);
# and exits non-zero on any failure, crash, missing case, allocation delta or firmware that does not build.
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
  echo "nanoCLR suite: skipped (no nanoFramework toolchain: set NFTOOL to the output of ../shared/nftool/rebuild.sh)"
  exit 0
fi

config=Release
bin_nano="$here/bin/$config/nano"
bin_host="$here/bin/$config/net10.0"
out="$here/bin/$config/nanoclr"
allocation_dir="$root/tests/DeviceAllocation"
bin_allocation="$allocation_dir/bin/$config/nano"
# the firmware's .nfproj as an SDK project: generated here (outside $out)
device_project="$here/bin/$config/device"
device_dll="$device_project/bin/$config/HomeNode.Device.dll"
if [ "$build" = 1 ]; then
  echo "== building tests/DeviceRunner (net10.0 and nano)"
  dotnet build "$here/HomeNode.Tests.DeviceRunner.csproj" -c "$config" -nologo -v:q >/dev/null
fi
# Always built here: these two need the toolchain, so the solution build (./test.sh) does not make them.
mkdir -p "$here/bin/$config"
echo "== building tests/DeviceAllocation (nano, against the toolchain's Runtime.Native)"
dotnet build "$allocation_dir/HomeNode.Tests.DeviceAllocation.csproj" -c "$config" -nologo -v:q -p:NFTOOL="$NFTOOL" >/dev/null
echo "== building firmware/Device against the toolchain's libraries"
rm -rf "$device_project"
python3 "$NFTOOL/scripts/nfproj2sdk.py" "$root/firmware/Device/HomeNode.Device.nfproj" "$device_project" \
  --version 1.0.0.0 --refdir "$NFTOOL/ref" --langversion latest >/dev/null
if ! dotnet build "$device_project/HomeNode.Device.csproj" -c "$config" -nologo -v:q >"$here/bin/$config/device-build.txt" 2>&1; then
  grep -E 'error' "$here/bin/$config/device-build.txt" | sort -u | head -n 20 || true
  echo "firmware/Device: does not build against the toolchain's libraries"
  exit 1
fi
rm -rf "$out"; mkdir -p "$out"

# Load order: what each assembly references comes first; nanoCLR takes the LAST entry point it finds.
assemblies=(HomeNode.Mqtt HomeNode.Mqtt.WebSockets HomeNode.Mqtt.Requests HomeNode.Drivers HomeNode.App HomeNode.Tests.Portable HomeNode.Tests.Firmware HomeNode.Tests.Runtime HomeNode.Tests.WebSockets HomeNode.Tests.Mqtt5 HomeNode.Tests.DeviceRunner)
echo "== metadata processor: .dll -> .pe"
pes=("$NFTOOL/pe/mscorlib.pe")
for a in "${assemblies[@]}"; do
  "$NFTOOL/bin/nanope" "$out/$a.pe" "$bin_nano/$a.dll" "$bin_nano" "$NFTOOL/ref"
  pes+=("$out/$a.pe")
done
"$NFTOOL/bin/nanope" "$out/HomeNode.Tests.DeviceAllocation.pe" "$bin_allocation/HomeNode.Tests.DeviceAllocation.dll" "$bin_allocation" "$NFTOOL/ref"
device_pe=()
if [ -f "$device_dll" ]; then
  "$NFTOOL/bin/nanope" "$out/HomeNode.Device.pe" "$device_dll" "$(dirname "$device_dll")" "$NFTOOL/ref"
  device_pe=("$out/HomeNode.Device.pe")
fi

failed=0
echo "== .NET: the same runner (case list to compare with)"
dotnet "$bin_host/HomeNode.Tests.DeviceRunner.dll" >"$out/host.txt" 2>&1 || true
grep -E '^(PASS|FAIL|SKIP) ' "$out/host.txt" | tr -d '\r' | sed -E 's/^(PASS|FAIL|SKIP) ([^:]*).*/\2/' | LC_ALL=C sort >"$out/host-cases.txt"
echo "host: $(tail -n 2 "$out/host.txt" | head -n 1)"
if ! grep -q '^SUITE OK$' "$out/host.txt"; then
  grep -E '^FAIL ' "$out/host.txt" || true
  failed=1
fi

run_on() {
  local label=$1 clr=$2 log="$out/$1.txt"
  echo "== $label: $clr"
  # Bounded: a runtime that hangs is a failure, not a stuck CI job.
  timeout 900 "$clr" "${pes[@]}" 2>&1 | tr -d '\r' >"$log" || true
  grep -E '^(FAIL|SKIP) ' "$log" || true
  grep -E '^(PASS|FAIL|SKIP) ' "$log" | tr -d '\r' | sed -E 's/^(PASS|FAIL|SKIP) ([^:]*).*/\2/' | LC_ALL=C sort >"$out/$label-cases.txt"
  local summary
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)
  if [ -z "$summary" ]; then
    echo "$label: the run did not finish (last lines follow)"; tail -n 15 "$log"; failed=1; return
  fi
  echo "$label: $summary"
  if ! grep -q '^SUITE OK$' "$log"; then failed=1; fi
  if ! diff -q "$out/host-cases.txt" "$out/$label-cases.txt" >/dev/null; then
    echo "$label: the case list differs from the host's (< host only, > device only):"
    diff "$out/host-cases.txt" "$out/$label-cases.txt" | grep -E '^[<>]' || true
    failed=1
  fi
}

runtimes=(nanoclr)
if [ -x "$NFTOOL/bin/nanoclr32" ]; then
  runtimes+=(nanoclr32)
else
  echo "nanoclr32: skipped (the toolchain has no 32-bit nanoCLR; NANOCLR32=1 rebuild.sh with g++-multilib builds one)"
fi
for clr in "${runtimes[@]}"; do run_on "$clr" "$NFTOOL/bin/$clr"; done

# The metadata processor's string table is 16-bit (64 KB of names and literals per assembly): say how full each
# test assembly is, so a split is made before an assembly fails to build (README, Testing on the device runtime).
awk '/Assembly: HomeNode\.Tests\./ { name = $2 } /Strings *=/ && name != "" { printf "string table %s: %d of about 64,600 usable bytes%s\n", name, $3, ($3 > 56000 ? " (nearly full: about 64,600 usable; split the assembly)" : ""); name = "" }' "$out/nanoclr.txt"

# Zero allocation on the device runtime (tests/DeviceAllocation/Program.cs says how it measures).
allocation_pes=("$NFTOOL/pe/mscorlib.pe" "$NFTOOL/pe/nanoFramework.Runtime.Native.pe" "$out/HomeNode.Mqtt.pe" "$out/HomeNode.Mqtt.WebSockets.pe" "$out/HomeNode.Mqtt.Requests.pe"
  "$out/HomeNode.Drivers.pe" "$out/HomeNode.App.pe" "$out/HomeNode.Tests.Portable.pe" "$out/HomeNode.Tests.DeviceAllocation.pe")
for clr in "${runtimes[@]}"; do
  log="$out/$clr-allocation.txt"
  echo "== $clr: allocation"
  timeout 900 "$NFTOOL/bin/$clr" "${allocation_pes[@]}" 2>&1 | tr -d '\r' >"$log" || true
  grep -E '^allocation: ' "$log" | sed "s/^/$clr /" || true
  deltas=$(grep -cE '^allocation: QoS [01] [0-9]+ cycles: .*, delta -?[0-9]+ bytes$' "$log" || true)
  nonzero=$(grep -E '^allocation: QoS [01] [0-9]+ cycles: ' "$log" | grep -cvE ', delta 0 bytes$' || true)
  if [ "$deltas" != 2 ] || [ "$nonzero" != 0 ] || ! grep -q '^allocation: OK$' "$log"; then
    echo "$clr: allocation FAILED (log: $log)"; tail -n 5 "$log"; failed=1
  fi
done

# Footprint as nanoCLR reports it at load: every library of the toolchain (the peer's dependencies among them), ours
# and, last so that its entry point is the one taken, the linked firmware; ended once loaded ("Ready."), before the
# firmware's Main would wait for Wi-Fi.
load_only() {
  local log=$1 clr=$2 i pid
  shift 2
  "$clr" "$@" >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 600); do
    if grep -qE '^(Ready|Exiting)\.' "$log" || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
footprint_pes=()
for pe in "$NFTOOL"/pe/*.pe; do
  case $(basename "$pe") in nanoFramework.UnitTestLauncher.pe|nanoFramework.TestFramework.pe) ;; *) footprint_pes+=("$pe") ;; esac
done
footprint_pes+=("$out/HomeNode.Mqtt.pe" "$out/HomeNode.Mqtt.WebSockets.pe" "$out/HomeNode.Mqtt.Requests.pe" "$out/HomeNode.Drivers.pe" "$out/HomeNode.App.pe" "${device_pe[@]}")
for clr in "${runtimes[@]}"; do load_only "$out/$clr-footprint.txt" "$NFTOOL/bin/$clr" "${footprint_pes[@]}"; done
# prints "RAM ROM METADATA" of assembly $2 from nanoCLR log $1, or nothing
load_figures() {
  tr -d '\r' <"$1" | sed -nE "s/^ *Assembly: ${2//./\\.} \([0-9.]+\) +\(([0-9]+) RAM - ([0-9]+) ROM - ([0-9]+) METADATA\)\$/\1 \2 \3/p" | head -n 1
}
ram_of() { local f; f=$(load_figures "$out/$1-footprint.txt" "$2"); echo "${f%% *}"; }
echo "== footprint on nanoCLR (bytes at load: ROM = the .pe, in flash; METADATA = its tables, part of ROM; RAM = allocated at load)"
printf '%-28s %8s %9s %11s %11s\n' assembly ROM METADATA "RAM 32-bit" "RAM 64-bit"
for a in HomeNode.Mqtt HomeNode.Mqtt.WebSockets HomeNode.Mqtt.Requests HomeNode.App HomeNode.Drivers HomeNode.Device nanoFramework.M2Mqtt nanoFramework.M2Mqtt.Core; do
  if [ "$a" = HomeNode.Device ] && [ ${#device_pe[@]} = 0 ]; then
    echo "$a: not built"; continue
  fi
  figures=$(load_figures "$out/${runtimes[0]}-footprint.txt" "$a")
  if [ -z "$figures" ]; then
    echo "$a: not loaded (log: $out/${runtimes[0]}-footprint.txt)"; failed=1; continue
  fi
  read -r _ rom metadata <<<"$figures"
  ram32=$( [ -f "$out/nanoclr32-footprint.txt" ] && ram_of nanoclr32 "$a" || true)
  printf '%-28s %8s %9s %11s %11s\n' "$a" "$rom" "$metadata" "${ram32:--}" "$(ram_of nanoclr "$a")"
done
ratio() { awk -v o="$1" -v p="$2" -v c="$3" 'BEGIN { if (o != "" && p != "" && c != "") printf "%.2f", o / (p + c); else printf "-" }'; }
rom_of() { local f; f=$(load_figures "$out/nanoclr-footprint.txt" "$1"); f=${f#* }; echo "${f%% *}"; }
line="ours/M2Mqtt (HomeNode.Mqtt / M2Mqtt + M2Mqtt.Core): ROM $(ratio "$(rom_of HomeNode.Mqtt)" "$(rom_of nanoFramework.M2Mqtt)" "$(rom_of nanoFramework.M2Mqtt.Core)")"
for clr in nanoclr32 nanoclr; do
  [ -f "$out/$clr-footprint.txt" ] || continue
  bits=64; [ "$clr" = nanoclr32 ] && bits=32
  line+=", RAM $(ratio "$(ram_of "$clr" HomeNode.Mqtt)" "$(ram_of "$clr" nanoFramework.M2Mqtt)" "$(ram_of "$clr" nanoFramework.M2Mqtt.Core)") on $bits-bit"
done
echo "$line"

if [ "$failed" != 0 ]; then
  echo "nanoCLR suite: FAILED (logs in $out)"
  exit 1
fi
echo "nanoCLR suite: OK"
