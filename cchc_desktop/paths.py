"""Where the app finds its shipped resources and keeps the user's data."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "CCHC Desktop"
APP_AUTHOR = "CCHC"
DEFAULT_DATA_FILE_NAME = "cchc.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped_dir(name: str) -> Path:
    """A top-level folder of the project, wherever this copy of the app runs from.

    A frozen bundle unpacks next to sys._MEIPASS, an installed wheel carries the
    folder inside the package, and a source checkout has it beside the package.
    """
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates += [_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Không tìm thấy thư mục tài nguyên '{name}' của ứng dụng.")


def resources_dir() -> Path:
    return _shipped_dir("resources")


def templates_dir() -> Path:
    return resources_dir() / "templates"


def par_index_dir() -> Path:
    """The PAR-index criteria sets (resources/par_index), one file per province and year."""
    return resources_dir() / "par_index"


def catalogs_dir() -> Path:
    return _shipped_dir("i18n")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def default_data_file() -> Path:
    return user_data_dir() / DEFAULT_DATA_FILE_NAME
