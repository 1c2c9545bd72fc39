"""Lets `python -m cchc_desktop` behave like the `cchc-desktop` command."""

from cchc_desktop.cli import main

# The guard matters: a worker process started with "spawn" (cchc_desktop.isolation) imports
# the parent's main module again, and must not open a second app when it does.
if __name__ == "__main__":
    raise SystemExit(main())
