#!/usr/bin/env bash
# Smoke test of the Linux installer: builds it if needed, unpacks the .deb into a temporary
# folder (dpkg -x: nothing on this machine changes), starts the frozen app offscreen with a
# fresh HOME, exports the sample report, and prints the figures.
#   bash packaging/smoke_test.sh [--rebuild] [--install]
# --install additionally installs the .deb for real with dpkg -i (root only), runs
# /usr/bin/cchc-desktop --version and removes the package again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/packaging/out"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
REBUILD=0 INSTALL=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    --install) INSTALL=1 ;;
    *) echo "usage: $0 [--rebuild] [--install]" >&2; exit 2 ;;
  esac
done

failures=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failures=$((failures + 1)); }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }

DEB="$(ls "$OUT"/cchc-desktop_*.deb 2>/dev/null | head -n1 || true)"
if [ "$REBUILD" = 1 ] || [ -z "$DEB" ] || [ ! -f "$OUT/figures.env" ]; then
  bash "$ROOT/packaging/build_linux.sh"
  DEB="$(ls "$OUT"/cchc-desktop_*.deb | head -n1)"
fi
# shellcheck disable=SC1091
source "$OUT/figures.env"

WORK="$(mktemp -d /tmp/cchc-smoke.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
echo "== Package $(basename "$DEB") unpacked into $WORK/root"
dpkg-deb -x "$DEB" "$WORK/root"
APP="$WORK/root/opt/cchc-desktop"
EXE="$APP/cchc-desktop"
INTERNAL="$APP/_internal"
check "executable /opt/cchc-desktop/cchc-desktop" test -x "$EXE"
check "/usr/bin/cchc-desktop -> /opt/cchc-desktop/cchc-desktop" \
  test "$(readlink "$WORK/root/usr/bin/cchc-desktop")" = /opt/cchc-desktop/cchc-desktop
DESKTOP="$WORK/root/usr/share/applications/cchc-desktop.desktop"
check "menu entry with a Vietnamese name" grep -q "^Name\[vi\]=" "$DESKTOP"
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate" desktop-file-validate "$DESKTOP"
fi
check "icon 256 px PNG" test -s "$WORK/root/usr/share/icons/hicolor/256x256/apps/cchc-desktop.png"
check "icon SVG" test -s "$WORK/root/usr/share/icons/hicolor/scalable/apps/cchc-desktop.svg"
check "Depends lists the Qt system libraries" \
  sh -c "dpkg-deb -f '$DEB' Depends | grep -q libxcb-cursor0 && dpkg-deb -f '$DEB' Depends | grep -q libegl1"

echo "== Bundle contents"
check "UI and PDF fonts with licences" \
  sh -c "ls '$INTERNAL'/resources/fonts/LiberationSans-Regular.ttf '$INTERNAL'/resources/fonts/LiberationSerif-Regular.ttf '$INTERNAL'/resources/fonts/LICENSE-LiberationSans.txt"
check "Qt dialogs in Vietnamese (qtbase_vi.qm)" test -s "$INTERNAL/resources/qt/qtbase_vi.qm"
check "English catalog (.mo)" test -s "$INTERNAL/i18n/en/LC_MESSAGES/cchc_desktop.mo"
check "templates, schemas, unit levels, icons" \
  sh -c "ls '$INTERNAL'/resources/templates/cchc-2021/v1.yaml '$INTERNAL'/resources/schemas/cchc-report.schema.json '$INTERNAL'/resources/units/levels.yaml '$INTERNAL'/resources/icons/cchc-desktop.svg"
MIGRATIONS="$INTERNAL/cchc_desktop/storage/migrations"
check "Alembic env.py, script.py.mako and every revision" \
  sh -c "test -f '$MIGRATIONS/env.py' && test -f '$MIGRATIONS/script.py.mako' && \
         test \$(ls '$MIGRATIONS'/versions/*.py | wc -l) -eq \$(ls '$ROOT'/cchc_desktop/storage/migrations/versions/*.py | wc -l)"
babel_locales="$(ls "$INTERNAL/babel/locale-data" | sed 's/\.dat$//' | paste -sd' ')"
check "Babel locale data trimmed to: $babel_locales" test "$(ls "$INTERNAL/babel/locale-data" | wc -l)" -le 6
unwanted="$(find "$INTERNAL" \( -name "libQt6Network*" -o -name "libQt6Qml*" -o -name "libQt6Quick*" \
  -o -name "libQt6Pdf*" -o -name "libQt6WebEngine*" -o -name "libQt63D*" -o -name "libQt6Multimedia*" \
  -o -name "libqwayland*" -o -name "libqgtk3*" -o -path "*/Qt/translations/*" \) | head -n3)"
check "no unused Qt modules, plugins or translations${unwanted:+ (found: $unwanted)}" test -z "$unwanted"
check "platform plugins: offscreen and xcb only" \
  test "$(ls "$INTERNAL/PySide6/Qt/plugins/platforms" | paste -sd' ')" = "libqoffscreen.so libqxcb.so"
check "PySide6-Essentials only (no full PySide6 or Addons in the build venv)" \
  sh -c "! '$PY' -m pip show -q PySide6 PySide6-Addons 2>/dev/null | grep -q ."
missing_libs="$(find "$INTERNAL" -name "*.so*" -print0 \
  | LD_LIBRARY_PATH="$INTERNAL:$INTERNAL/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null | grep "not found" | sort -u || true)"
check "every library resolves (ldd)${missing_libs:+: $missing_libs}" test -z "$missing_libs"

echo "== The window (offscreen, fresh HOME)"
HOME_DIR="$WORK/home"
mkdir -p "$HOME_DIR"
run_env=(env -u DISPLAY -u WAYLAND_DISPLAY HOME="$HOME_DIR" XDG_DATA_HOME="$HOME_DIR/data"
         XDG_CACHE_HOME="$HOME_DIR/cache" XDG_CONFIG_HOME="$HOME_DIR/config")
DATA_FILE="$HOME_DIR/data/CCHC Desktop/cchc.sqlite3"
probe="$("${run_env[@]}" QT_QPA_PLATFORM=offscreen CCHC_STARTUP_PROBE=1 "$EXE" 2>&1 || true)"
check "window shown (CCHC_STARTUP_PROBE: $(echo "$probe" | grep -o "windows=.*" || echo none))" \
  sh -c "echo \"\$0\" | grep -q \"windows=\\['CCHC Desktop'\\]\"" "$probe"
check "data file created: ${DATA_FILE#"$WORK/"}" test -s "$DATA_FILE"
# The real event loop: the first-run setup dialog waits for the clerk, so the process must
# still be running when timeout stops it (exit 124), not have crashed.
set +e
"${run_env[@]}" QT_QPA_PLATFORM=offscreen timeout 8 "$EXE" >"$WORK/gui.log" 2>&1
status=$?
set -e
check "event loop still running after 8 s (timeout exit $status)" test "$status" -eq 124
if command -v xvfb-run >/dev/null; then
  set +e
  "${run_env[@]}" CCHC_STARTUP_PROBE=1 QT_QPA_PLATFORM=xcb xvfb-run -a "$EXE" >"$WORK/xcb.log" 2>&1
  status=$?
  set -e
  check "window shown on X11 under Xvfb (xcb plugin; exit $status)" \
    sh -c "test $status -eq 0 && grep -q \"windows=\\['CCHC Desktop'\\]\" '$WORK/xcb.log'"
fi

echo "== The command line"
SAMPLE="$ROOT/tests/data/xa-my-an-2026-Q1.json"
check "cchc-desktop --version prints $VERSION" sh -c "'$EXE' --version | grep -qx 'cchc-desktop $VERSION'"
check "export --pdf --xlsx" "${run_env[@]}" "$EXE" export "$SAMPLE" --pdf "$WORK/x.pdf" --xlsx "$WORK/x.xlsx"
check "PDF readable (pdfinfo: $(pdfinfo "$WORK/x.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages)" pdfinfo "$WORK/x.pdf"
pdftotext "$WORK/x.pdf" "$WORK/x.txt" 2>/dev/null || true
check "PDF text has 'Nơi nhận' and 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'" \
  sh -c "grep -q 'Nơi nhận' '$WORK/x.txt' && grep -q 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' '$WORK/x.txt'"
check "PDF embeds the shipped Liberation Serif" sh -c "pdffonts '$WORK/x.pdf' | grep -q LiberationSerif"
check "workbook is a zip (xlsx)" sh -c "head -c2 '$WORK/x.xlsx' | grep -q PK"
set +e
"$EXE" check "$SAMPLE" >/dev/null 2>&1; ok_status=$?
echo "{" > "$WORK/bad.json"
"$EXE" check "$WORK/bad.json" >/dev/null 2>&1; bad_status=$?
set -e
check "check: exit 0 on the sample, 2 on a broken file (got $ok_status, $bad_status)" \
  test "$ok_status-$bad_status" = "0-2"
# The English catalog is still being translated: the frozen app must say what the source
# checkout says, whatever that is today.
check "--lang en templates: same output as the source checkout" \
  test "$("$EXE" --lang en templates 2>&1)" = "$(cd "$ROOT" && "$PY" -m cchc_desktop --lang en templates 2>&1)"

if [ "$INSTALL" = 1 ]; then
  echo "== Real install (dpkg -i)"
  if [ "$(id -u)" -ne 0 ]; then
    fail "--install needs root"
  else
    check "dpkg -i" dpkg -i "$DEB"
    check "/usr/bin/cchc-desktop --version" /usr/bin/cchc-desktop --version
    check "dpkg -r" dpkg -r cchc-desktop
  fi
fi

echo "== Figures"
echo "  bundle (du -sm of the one-folder bundle)   $BUNDLE_MB MB"
echo "  .deb (xz -9)                               $DEB_MB MB"
echo "  tar.xz of the bundle (xz -9)               $TAR_XZ_MB MB"
echo "  build time: PyInstaller $PYINSTALLER_SECONDS s, whole build_linux.sh $BUILD_SECONDS s"
"$PY" "$ROOT/benchmarks/bench_frozen_start.py" "$EXE" --runs 3 | sed 's/^/  /'

echo
if [ "$failures" -gt 0 ]; then
  echo "Smoke test: $failures check(s) failed."
  exit 1
fi
echo "Smoke test passed."
