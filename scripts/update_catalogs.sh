#!/usr/bin/env bash
# After changing user-facing strings: extract them and merge them into the catalogs.
# Then translate the new entries in i18n/en/LC_MESSAGES/cchc_desktop.po.
# babel.cfg extracts the code's _() strings and the Designer forms' texts (ui/*.ui) with the
# extractor cchc_desktop/designer_strings.py; `python -m` from the root imports this
# checkout's copy of it, whichever checkout the venv's editable install points at.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m babel.messages.frontend extract -F babel.cfg -k N_ -k ngettext:1,2 \
  --add-comments=Translators: --no-location --sort-output --project "CCHC Desktop" -o i18n/cchc_desktop.pot .
.venv/bin/pybabel update -i i18n/cchc_desktop.pot -d i18n -D cchc_desktop --no-wrap --ignore-obsolete
