#!/usr/bin/env bash
# The guide's pictures (resources/guide/images) are shots of the real window made by
# scripts/screenshots.py at a laptop's 1366 x 768, so they never go stale: run this after
# changing the window, then look at them. Needs Xvfb (xvfb-run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
for lang in vi en; do
  xvfb-run -a -s "-screen 0 1366x768x24" "$ROOT/.venv/bin/python" "$ROOT/scripts/screenshots.py" \
    --lang "$lang" --out "$OUT/$lang" >/dev/null
  for name in window-start window-first-hour window-final-locked window-notice-saved \
      dialog-package dialog-import-previous dialog-consolidation dialog-restore \
      dialog-history-reopened; do
    cp "$OUT/$lang/$name.png" "$ROOT/resources/guide/images/$name.$lang.png"
  done
done
