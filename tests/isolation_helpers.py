"""Module-level functions the isolation tests send to worker processes (they must pickle)."""

from __future__ import annotations

import os
import time

from cchc_desktop.domain.errors import KnownError


def behave(_context: object, item: str) -> str:
    """'ok:x' returns x; 'known' raises a KnownError; 'boom' a ValueError; 'hang' sleeps; 'die' exits."""
    if item.startswith("ok:"):
        return item[3:]
    if item == "known":
        raise KnownError("tệp hỏng")
    if item == "boom":
        raise ValueError("không ngờ")
    if item == "hang":
        time.sleep(120)
    if item == "die":
        os._exit(7)
    if item == "pid":
        return str(os.getpid())
    return item
