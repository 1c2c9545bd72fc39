#!/usr/bin/env bash
# Prepares this checkout to run: system libraries (when run as root), a virtual
# environment in .venv with the app (and its test tools for scripts/test.sh), and the compiled
# forms and catalogs.
# Sourced by scripts/run.sh and scripts/test.sh; safe to run again (it skips done work).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"

# Qt without a screen needs these; the PDF tests need poppler-utils, the USB-token signing
# tests SoftHSM2 as the token, the tests of the data on a server PostgreSQL's server binaries
# (tests/postgres_server.py starts a throw-away cluster of its own, never the package's).
QT_PACKAGES="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libx11-6"
# libreoffice-writer-nogui: the .doc import is tested through the real LibreOffice (~77 MB).
TEST_PACKAGES="poppler-utils softhsm2 postgresql libreoffice-writer-nogui"
# A real window (X11, or Xvfb for screenshots) additionally needs these.
WINDOW_PACKAGES="libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"

install_system_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Cài gói hệ thống: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Thiếu gói hệ thống (cài bằng quyền root): sudo apt-get install ${missing[*]}" >&2
  fi
}

# setup_python EXTRAS: the app (EXTRAS empty, for scripts/run.sh) or the app with the optional
# dependencies EXTRAS ("test" for scripts/test.sh). Installs again only when pyproject.toml changed
# or more extras are wanted: an install with the test tools also serves the app alone.
setup_python() {
  local extras="${1:-}"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.setup-stamp"
  local hash have=""
  hash="$(sha256sum < "$ROOT/pyproject.toml" | cut -c1-16)"
  [ -f "$stamp" ] && have="$(cat "$stamp")"
  if [ "$have" != "$hash-$extras" ] && { [ -n "$extras" ] || [ "${have%%-*}" != "$hash" ]; }; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
    local log="$VENV/pip-install.log"
    local target="$ROOT"
    [ -n "$extras" ] && target="$ROOT[$extras]"
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$target" >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      echo "Cài đặt gói Python thất bại; xem $log" >&2
      exit 1
    fi
    echo "$hash-$extras" > "$stamp"
  fi
  # Designer forms (ui/*.ui) are compiled into cchc_desktop/gui/designer, never committed; and the
  # catalogs (i18n/*/LC_MESSAGES/*.mo is ignored). Both only when out of date, and quietly.
  "$VENV/bin/python" "$ROOT/scripts/compile_ui.py"
  "$VENV/bin/python" "$ROOT/scripts/compile_catalogs.py" --if-stale
}
