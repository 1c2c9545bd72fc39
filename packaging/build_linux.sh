#!/usr/bin/env bash
# Builds the Linux bundle of CCHC Desktop and its installers, all under packaging/out/:
#   dist/cchc-desktop/                      one-folder PyInstaller bundle
#   cchc-desktop_<version>_amd64.deb        installs to /opt/cchc-desktop, /usr/bin/cchc-desktop
#   cchc-desktop-<version>-linux-x86_64.tar.xz
#   figures.env                             sizes and build time, read by smoke_test.sh
# Usage: bash packaging/build_linux.sh   (PYTHON=/path/to/venv/python to use another venv)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/packaging/out"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
cd "$ROOT"
mkdir -p "$OUT"

if [ ! -x "$PY" ]; then
  echo "Không thấy Python của dự án ($PY): chạy 'bash scripts/test.sh' hoặc đặt PYTHON=..." >&2
  exit 1
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install --quiet --disable-pip-version-check -e ".[build]"
fi
VERSION="$("$PY" -c "import cchc_desktop; print(cchc_desktop.__version__)")"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

# Seconds since $1 (a `date +%s.%N`), one decimal; Python rather than bc, which is not always there.
since() { "$PY" -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.1f}")' "$1"; }
megabytes() { "$PY" -c 'import os, sys; print(f"{os.path.getsize(sys.argv[1]) / 1048576:.1f}")' "$1"; }

started=$(date +%s.%N)

# 1. Catalogs: the app's .mo (gettext) and Qt's own dialogs in Vietnamese (.qm).
"$(dirname "$PY")/pybabel" compile -d i18n -D cchc_desktop >/dev/null
QT_QPA_PLATFORM=offscreen "$PY" scripts/compile_qt_translations.py --out "$OUT/qt" >/dev/null

# 2. The bundle.
pyi_started=$(date +%s.%N)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build" packaging/cchc_desktop.spec \
  2>&1 | grep -v -e "Hidden import .* not found" -e "required via ctypes not found" -e "libqgtk3.so" || true
BUNDLE="$OUT/dist/cchc-desktop"
[ -x "$BUNDLE/cchc-desktop" ] || { echo "PyInstaller không tạo được $BUNDLE" >&2; exit 1; }
pyi_seconds=$(since "$pyi_started")

# 3. The .deb: the bundle under /opt, a command in /usr/bin, a menu entry and icons.
STAGE="$OUT/deb/cchc-desktop_${VERSION}_${ARCH}"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
  "$STAGE/usr/share/doc/cchc-desktop"
cp -a "$BUNDLE" "$STAGE/opt/cchc-desktop"
# The bootloader finds _internal/ through /proc/self/exe, so a symlink is enough.
ln -s /opt/cchc-desktop/cchc-desktop "$STAGE/usr/bin/cchc-desktop"
cp packaging/linux/cchc-desktop.desktop "$STAGE/usr/share/applications/"
cp resources/icons/cchc-desktop-256.png "$STAGE/usr/share/icons/hicolor/256x256/apps/cchc-desktop.png"
cp resources/icons/cchc-desktop.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/cchc-desktop.svg"
cat > "$STAGE/usr/share/doc/cchc-desktop/copyright" <<EOF
CCHC Desktop $VERSION - GPL-3.0-or-later (/usr/share/common-licenses/GPL-3).
Bundled fonts: Liberation Sans/Serif, SIL Open Font License 1.1
(/opt/cchc-desktop/_internal/resources/fonts/LICENSE-*.txt).
Bundled Qt (PySide6-Essentials): LGPL-3.0; Python and other libraries under their own licences.
EOF

# Depends: what the bundle links to outside itself (resolved with ldd, mapped to packages with
# dpkg -S), plus what Qt opens at run time without linking (GL/EGL, xcb-cursor, the X11 input).
QT_RUNTIME="libc6 libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libdbus-1-3 libx11-6"
mapfile -t system_libs < <(
  find "$BUNDLE" -type f \( -name "*.so*" -o -name cchc-desktop \) -print0 \
  | LD_LIBRARY_PATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$BUNDLE" | sort -u)
linked_packages=""
for lib in "${system_libs[@]}"; do
  real="$(readlink -f "$lib")"
  pkg="$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || true)"
  linked_packages+=" ${pkg%%:*}"
done
DEPENDS="$(echo "$QT_RUNTIME $linked_packages" | tr ' ' '\n' | grep -v '^$' | sort -u | paste -sd, | sed 's/,/, /g')"
INSTALLED_KB="$(du -sk --apparent-size "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: cchc-desktop
Version: $VERSION
Architecture: $ARCH
Maintainer: CCHC Desktop <cchc-desktop@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Section: office
Priority: optional
Homepage: https://example.invalid/cchc-desktop
Description: Báo cáo cải cách hành chính (CCHC) định kỳ, chạy ngoại tuyến
 Lập báo cáo CCHC định kỳ của UBND xã, phường, đặc khu và tổng hợp báo cáo
 của các đơn vị trực thuộc; xuất PDF đúng thể thức Nghị định 30/2020/NĐ-CP
 và phụ lục Excel. Dữ liệu nằm trong một tệp SQLite trên máy người dùng.
 .
 Offline periodic administrative-reform reports for Vietnamese local government.
EOF
# 4. The .deb and a plain archive of the bundle (any distribution; the compressed-size figure).
# xz -9 of 200 MB is single-threaded and takes minutes each: the two run side by side.
DEB="$OUT/cchc-desktop_${VERSION}_${ARCH}.deb"
TARBALL="$OUT/cchc-desktop-${VERSION}-linux-x86_64.tar.xz"
rm -f "$DEB" "$TARBALL"
tar -C "$OUT/dist" --owner=0 --group=0 -cf - cchc-desktop | xz -9 > "$TARBALL" &
tar_pid=$!
dpkg-deb --root-owner-group -Zxz -z9 --build "$STAGE" "$DEB" >/dev/null
wait "$tar_pid"

total_seconds=$(since "$started")
bundle_mb=$(du -sm "$BUNDLE" | cut -f1)
deb_mb=$(megabytes "$DEB")
tar_mb=$(megabytes "$TARBALL")
cat > "$OUT/figures.env" <<EOF
VERSION=$VERSION
BUNDLE_MB=$bundle_mb
DEB_MB=$deb_mb
TAR_XZ_MB=$tar_mb
PYINSTALLER_SECONDS=$pyi_seconds
BUILD_SECONDS=$total_seconds
EOF
echo
echo "Bundle     $BUNDLE  ${bundle_mb} MB (du -sm)"
echo ".deb       $DEB  ${deb_mb} MB"
echo "tar.xz     $TARBALL  ${tar_mb} MB"
echo "Build time PyInstaller $pyi_seconds s; whole script (catalogs, PyInstaller, .deb, tar.xz) $total_seconds s"
echo "Depends    $DEPENDS"
