"""Compile the Babel catalogs i18n/<lang>/LC_MESSAGES/*.po into their .mo files, quietly.

    python scripts/compile_catalogs.py [--if-stale] [--root DIR]

Run by scripts/setup.sh (every scripts/run.sh and scripts/test.sh) with --if-stale: a catalog
whose .mo is newer than its .po is left alone, so starting the app does not compile (nor say
"compiling catalog ...") each time. Fuzzy entries are kept, as `pybabel compile --use-fuzzy`.
Prints nothing unless a catalog cannot be read; exits 1 then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "i18n").glob("*/LC_MESSAGES/*.po"))


def is_stale(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_catalog(po: Path) -> Path:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, locale=po.parent.parent.name, abort_invalid=True)
    mo = po.with_suffix(".mo")
    # Written beside and renamed: a half-written .mo would be newer than its .po, never redone.
    partial = mo.with_suffix(".mo.partial")
    with partial.open("wb") as target:
        write_mo(target, catalog, use_fuzzy=True)
    partial.replace(mo)
    return mo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--if-stale", action="store_true",
                        help="only the catalogs whose .mo is missing or older than the .po")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout (holding i18n/)")
    args = parser.parse_args(argv)
    failed = 0
    for po in catalogs(args.root):
        if args.if_stale and not is_stale(po):
            continue
        try:
            compile_catalog(po)
        except Exception as exc:  # any unreadable catalog is reported, the others compiled
            print(f"{po}: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
