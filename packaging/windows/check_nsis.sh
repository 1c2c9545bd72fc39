#!/usr/bin/env bash
# Checks on Linux that the Windows installer script compiles: makensis (Debian's nsis package)
# on a stand-in payload (a dummy "CCHC Desktop.exe", "cchc-desktop.exe" and _internal/), so
# no Windows build is needed. The result is not a working installer; it proves the script,
# its Vietnamese texts and its icon are accepted.
#   bash packaging/windows/check_nsis.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../out"
if ! command -v makensis >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis >/dev/null
  else
    echo "makensis không có: sudo apt-get install nsis" >&2
    exit 1
  fi
fi
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$HERE/../../cchc_desktop/__init__.py")"
PAYLOAD="$OUT/nsis-standin/cchc-desktop"
rm -rf "$PAYLOAD"
mkdir -p "$PAYLOAD/_internal/resources"
printf 'MZ stand-in, not a program\n' > "$PAYLOAD/CCHC Desktop.exe"
printf 'MZ stand-in, not a program\n' > "$PAYLOAD/cchc-desktop.exe"
printf 'stand-in\n' > "$PAYLOAD/_internal/resources/readme.txt"
SETUP="$OUT/cchc-desktop-$VERSION-setup-standin.exe"
makensis -V2 -WX -DVERSION="$VERSION" -DSOURCE_DIR="$PAYLOAD" -DOUT_FILE="$SETUP" "$HERE/cchc_desktop.nsi"
echo "makensis $(makensis -VERSION): $HERE/cchc_desktop.nsi compiles ($(stat -c %s "$SETUP") bytes: $SETUP)"
