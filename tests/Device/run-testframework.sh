#!/usr/bin/env bash
# The official route (tests/Device with nanoFramework.TestFramework, as Visual Studio's test explorer runs it), checked
# without Visual Studio: the five .nfproj projects are compiled against the toolchain's real libraries with
# ../shared/nftool's nfproj2sdk.py, turned into .pe files, and run by TestFramework's UnitTestLauncher in nanoCLR.
#
#   NFTOOL=/path/to/nftool tests/Device/run-testframework.sh
#
# Prints the launcher's verdict and "N passed, N failed" from the suite; exits non-zero unless the test passed.
# Without NFTOOL it prints one line saying so and exits 0.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -z "${NFTOOL:-}" ] || [ ! -x "${NFTOOL}/bin/nanoclr" ]; then
  echo "TestFramework route: skipped (no nanoFramework toolchain: set NFTOOL to the output of ../shared/nftool/rebuild.sh)"
  exit 0
fi

work="$here/bin/testframework"
rm -rf "$work"; mkdir -p "$work/ref" "$work/pe"
# references resolve by assembly name in one folder: the toolchain's libraries plus what is built here
for f in "$NFTOOL"/ref/*; do ln -s "$f" "$work/ref/"; done

build() { # NFPROJ: nfproj -> SDK project against the real libraries -> dll -> pe
  local nfproj=$1 info asm
  info=$(python3 "$NFTOOL/scripts/nfproj2sdk.py" "$nfproj" "$work/src/$(basename "${nfproj%.nfproj}")" --version 1.0.0.0 --refdir "$work/ref" --langversion latest)
  asm=${info%% *}
  dotnet build "$work/src/$(basename "${nfproj%.nfproj}")/$asm.csproj" -c Release -nologo -v:q -o "$work/bin/$asm" >"$work/$asm.build.log" 2>&1 \
    || { grep -E "error" "$work/$asm.build.log" | sort -u | head -20; echo "TestFramework route: FAILED (build of $asm)"; exit 1; }
  ln -sf "$work/bin/$asm/$asm.dll" "$work/ref/$asm.dll"
  "$NFTOOL/bin/nanope" "$work/pe/$asm.pe" "$work/bin/$asm/$asm.dll" "$work/ref"
  echo "built $asm"
}

echo "== nfproj -> .pe (against $NFTOOL/ref)"
build "$root/firmware/Portable/HomeNode.Portable.nfproj"
build "$root/tests/Device/Suite/HomeNode.Tests.Portable.nfproj"
build "$root/tests/Device/FirmwareSuite/HomeNode.Tests.Firmware.nfproj"
build "$root/tests/Device/RuntimeSuite/HomeNode.Tests.Runtime.nfproj"
build "$root/tests/Device/WebSocketsSuite/HomeNode.Tests.WebSockets.nfproj"
build "$root/tests/Device/Mqtt5Suite/HomeNode.Tests.Mqtt5.nfproj"
build "$root/tests/Device/HomeNode.Tests.Device.nfproj"

echo "== UnitTestLauncher in nanoCLR"
log="$work/nanoclr.txt"
timeout 900 "$NFTOOL/bin/nanoclr" "$NFTOOL/pe/mscorlib.pe" "$NFTOOL/pe/nanoFramework.UnitTestLauncher.pe" \
  "$NFTOOL/pe/nanoFramework.TestFramework.pe" "$work/pe/HomeNode.Portable.pe" "$work/pe/HomeNode.Tests.Portable.pe" "$work/pe/HomeNode.Tests.Firmware.pe" "$work/pe/HomeNode.Tests.Runtime.pe" \
  "$work/pe/HomeNode.Tests.WebSockets.pe" "$work/pe/HomeNode.Tests.Mqtt5.pe" \
  "$work/pe/NFUnitTest.pe" 2>&1 | tr -d '\r' >"$log" || true
grep -E '^(FAIL|SKIP) ' "$log" || true
grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true
verdict=$(grep -E '^Test (passed|failed),' "$log" | head -n 1 || true)
echo "${verdict:-no verdict from the launcher (last lines follow)}"
if ! echo "$verdict" | grep -q '^Test passed,.*EveryPortableCasePasses'; then
  tail -n 15 "$log"
  echo "TestFramework route: FAILED (log in $log)"
  exit 1
fi
echo "TestFramework route: OK"
