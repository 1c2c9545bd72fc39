"""paths.py promises the shipped folders wherever the app runs from (a source checkout, an
installed wheel, a frozen bundle's sys._MEIPASS, tried in that order of preference: the bundle
first) and the user's data file in the platform's data folder. Beside tests/test_wheel.py,
which builds a wheel, this file asks the functions in this checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cchc_desktop import paths


def test_the_shipped_folders_hold_what_the_app_reads() -> None:
    assert (paths.templates_dir() / "..").resolve() == paths.resources_dir()
    assert paths.templates_dir().name == "templates" and any(paths.templates_dir().iterdir())
    assert paths.par_index_dir() == paths.resources_dir() / "par_index"
    assert list(paths.par_index_dir().glob("*.yaml"))
    assert (paths.catalogs_dir() / "en" / "LC_MESSAGES" / "cchc_desktop.po").is_file()


def test_a_frozen_bundle_is_looked_in_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.templates_dir() == tmp_path / "resources" / "templates"
    # a bundle without the folder falls back to the package's own
    assert paths.catalogs_dir() != tmp_path / "i18n" and paths.catalogs_dir().is_dir()


def test_a_missing_folder_is_said_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", tmp_path / "pkg")
    with pytest.raises(FileNotFoundError) as raised:
        paths.resources_dir()
    assert str(raised.value) == "Không tìm thấy thư mục tài nguyên 'resources' của ứng dụng."


def test_the_data_file_is_in_the_users_data_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.user_data_dir() == tmp_path / "CCHC Desktop"
    assert paths.default_data_file() == tmp_path / "CCHC Desktop" / "cchc.sqlite3"
