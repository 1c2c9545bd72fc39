#!/usr/bin/env bash
# Sets up this checkout if needed, then starts CCHC Desktop on its default data file
# (a SQLite file in the user's data folder). Arguments go to `cchc-desktop`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_system_packages $QT_PACKAGES $WINDOW_PACKAGES
setup_python ""   # the app's own dependencies: no test tools
exec "$VENV/bin/cchc-desktop" "$@"
