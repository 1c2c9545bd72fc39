"""Settings kept in the data file (language, last folders...), as text by key."""

from __future__ import annotations

from cchc_desktop.storage.models import SettingRow
from cchc_desktop.storage.units import StorePart


class SettingsPart(StorePart):
    def setting(self, key: str, default: str = "") -> str:
        with self.database.session() as session:
            row = session.get(SettingRow, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.database.session() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=value))
            else:
                row.value = value
