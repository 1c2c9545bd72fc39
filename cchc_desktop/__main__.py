"""Lets `python -m cchc_desktop` behave like the `cchc-desktop` command."""

from cchc_desktop.cli import main

raise SystemExit(main())
