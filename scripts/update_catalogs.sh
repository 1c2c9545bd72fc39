#!/usr/bin/env bash
# After changing user-facing strings: extract them and merge them into the catalogs.
# The Designer forms are read from their compiled modules (scripts/compile_ui.py, ui_text).
# Then translate the new entries in i18n/en/LC_MESSAGES/cchc_desktop.po.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -k ui_text --add-comments=Translators: \
  --no-location --sort-output --project "CCHC Desktop" -o i18n/cchc_desktop.pot .
.venv/bin/pybabel update -i i18n/cchc_desktop.pot -d i18n -D cchc_desktop --no-wrap --ignore-obsolete
