"""Compile resources/qt/*.ts (Qt's own strings in Vietnamese) into .qm files.

    .venv/bin/python scripts/compile_qt_translations.py [--out DIR]

The app compiles the catalogue into the user's cache folder at startup when it is
missing or stale; a frozen bundle ships the .qm made by this script instead (written
next to the .ts by default, where the app looks first).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "qt")
    args = parser.parse_args()
    from cchc_desktop.gui.translations import compile_catalogue

    failed = 0
    for source in sorted((ROOT / "resources" / "qt").glob("*.ts")):
        target = args.out / source.with_suffix(".qm").name
        if compile_catalogue(source, target):
            print(target)
        else:
            print(f"pyside6-lrelease could not compile {source}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
