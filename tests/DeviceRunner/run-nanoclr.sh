#!/usr/bin/env bash
# Runs the portable suite on the real nanoFramework runtime (nanoCLR), with the toolchain that
# ../shared/nftool/rebuild.sh builds (not part of this repository): NFTOOL names its output folder.
#
#   NFTOOL=/path/to/nftool tests/DeviceRunner/run-nanoclr.sh [--no-build]
#
# 1. builds tests/DeviceRunner (net10.0 and nano) unless --no-build;
# 2. turns every nano assembly into a .pe with the toolchain's metadata processor (this is where a string table
#    over 64 KB would fail);
# 3. runs the suite on nanoCLR (64-bit, and the 32-bit build when the toolchain has one) and on .NET, and
#    compares the case lists: every case the host runs must be reported by the device, as passed, failed or
#    skipped with its reason;
# 4. prints "N passed, N failed" per runtime and exits non-zero on any failure, crash or missing case.
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
if [ "$build" = 1 ]; then
  echo "== building tests/DeviceRunner (net10.0 and nano)"
  dotnet build "$here/HomeNode.Tests.DeviceRunner.csproj" -c "$config" -nologo -v:q >/dev/null
fi
rm -rf "$out"; mkdir -p "$out"

# Load order: what each assembly references comes first; nanoCLR takes the LAST entry point it finds.
assemblies=(HomeNode.Mqtt HomeNode.Drivers HomeNode.App HomeNode.Tests.Portable HomeNode.Tests.Portable.Runtime HomeNode.Tests.DeviceRunner)
echo "== metadata processor: .dll -> .pe"
pes=("$NFTOOL/pe/mscorlib.pe")
for a in "${assemblies[@]}"; do
  "$NFTOOL/bin/nanope" "$out/$a.pe" "$bin_nano/$a.dll" "$bin_nano" "$NFTOOL/ref"
  pes+=("$out/$a.pe")
done

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

run_on nanoclr "$NFTOOL/bin/nanoclr"
if [ -x "$NFTOOL/bin/nanoclr32" ]; then
  run_on nanoclr32 "$NFTOOL/bin/nanoclr32"
else
  echo "nanoclr32: skipped (the toolchain has no 32-bit nanoCLR; NANOCLR32=1 rebuild.sh with g++-multilib builds one)"
fi

if [ "$failed" != 0 ]; then
  echo "nanoCLR suite: FAILED (logs in $out)"
  exit 1
fi
echo "nanoCLR suite: OK"
