"""storage/settings.py: settings kept in the data file as text by key, with a default for a
key never set, and kept when the file is opened again."""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


def test_a_setting_is_kept_replaced_and_read_again(data_file: Path) -> None:
    store = ReportStore(Database.open(data_file))
    assert store.setting("thu_muc_cuoi") == ""
    assert store.setting("ngon_ngu", "vi") == "vi"
    store.set_setting("thu_muc_cuoi", "D:\\Báo cáo CCHC\\Quý I")
    store.set_setting("ngon_ngu", "en")
    store.set_setting("ngon_ngu", "vi")
    store.set_setting("rong", "")
    store.database.close()
    reopened = ReportStore(Database.open(data_file))
    assert reopened.setting("thu_muc_cuoi") == "D:\\Báo cáo CCHC\\Quý I"
    assert reopened.setting("ngon_ngu", "en") == "vi"
    assert reopened.setting("rong", "mặc định") == "", "an empty value is a value, not unset"
    assert reopened.setting("khong_co", "mặc định") == "mặc định"
    reopened.database.close()
