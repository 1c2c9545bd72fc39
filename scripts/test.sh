#!/usr/bin/env bash
# Sets up this checkout if needed, then runs the whole test suite headless.
# Arguments go to pytest (e.g. `bash scripts/test.sh tests/domain -x`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_system_packages $QT_PACKAGES $TEST_PACKAGES
setup_python test
export QT_QPA_PLATFORM=offscreen
cd "$ROOT"
exec "$VENV/bin/python" -m pytest "$@"
