"""Keep PySide6 from holding the source of every module the app imports (28 MB).

PySide6 (its `__feature__` import hook, shibokensupport/feature.py) looks at each module
imported after it to learn whether the module uses PySide6: it calls inspect.getsource,
which leaves the module's whole source in `linecache`. With SQLAlchemy and the app's own
modules that is 700 files, 28 MB of the window's 170 MB, kept for the life of the process.
The same question is answered here by reading the file once, without caching it.

Only the answer's use matters to PySide6: a module that mentions PySide6 may switch Qt
features (`from __feature__ import snake_case`); the app never does. If a later PySide6
renames the hook, nothing is replaced and the app still works, only bigger.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULES = ("PySide6.support.feature", "shibokensupport.feature")


def mentions_pyside(module: ModuleType) -> bool:
    """What shibokensupport.feature._mod_uses_pyside answers, without filling linecache."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False   # built-in, extension or compiled only: getsource finds no source either
    try:
        with open(path, "rb") as handle:
            return b"PySide6" in handle.read()
    except OSError:
        return False


def keep_sources_out_of_memory() -> bool:
    """Replace PySide6's source-reading check; True if it was found (PySide6 already imported)."""
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
            feature._mod_uses_pyside = mentions_pyside  # type: ignore[attr-defined]
            return True
    return False
