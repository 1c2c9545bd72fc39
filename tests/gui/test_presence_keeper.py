"""gui/presence_keeper.py: who else has the open report open on the server, asked when it opens
and every minute, said in the line above the page and taken away once no one else has it.

Beside tests/gui/test_window_on_server.py::test_a_report_another_clerk_has_open_says_so, which
sees a second clerk's connection on a real PostgreSQL server. Here the keeper on its own: on a
data file (SQLite) it does nothing; on a server it is handed the storage's Presence, for which a
stand-in with its three calls keeps these tests off the server; and PresenceNotice, on a real
NoticeBar, leaves another notice alone.
"""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.gui.notice_bar import NoticeBar
from cchc_desktop.gui.presence_keeper import INTERVAL_MS, PresenceKeeper, PresenceNotice
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.storage.repository import ReportStore


class Others:
    """storage/presence.Presence's calls, with the names the server would list."""

    def __init__(self, *names: str) -> None:
        self.names = list(names)
        self.announced: list[int] = []
        self.closed = 0

    def announce(self, report_id: int) -> None:
        self.announced.append(report_id)

    def others_editing(self, report_id: int) -> list[str]:
        assert report_id in self.announced
        return list(self.names)

    def close(self) -> None:
        self.closed += 1


SAYERS: list[PresenceNotice] = []     # kept alive as the window keeps its own


def keeper_and_notice(qtbot) -> tuple[PresenceKeeper, NoticeBar]:  # type: ignore[no-untyped-def]
    notice = NoticeBar()
    qtbot.addWidget(notice)
    keeper = PresenceKeeper(notice)
    SAYERS[:] = [PresenceNotice(keeper, notice)]
    return keeper, notice


def test_on_a_data_file_nothing_is_asked_nor_said(qtbot, store: ReportStore,  # type: ignore[no-untyped-def]
                                                  sample_report_id: int) -> None:
    controller = ReportController(store)
    assert controller.presence() is None, "a data file has no one else on it"
    keeper, notice = keeper_and_notice(qtbot)
    told: list[list[str]] = []
    keeper.others_changed.connect(told.append)
    keeper.opened(controller.presence(), sample_report_id)
    keeper.check()
    assert not keeper.timer.isActive() and keeper.others == [] and told == []
    assert notice.isHidden()


def test_others_are_named_when_the_report_opens_and_asked_again_every_minute(qtbot) -> None:  # type: ignore[no-untyped-def]
    keeper, notice = keeper_and_notice(qtbot)
    presence = Others("Nguyễn Văn An", "Lê Thị Hoa")
    keeper.opened(presence, 7)  # type: ignore[arg-type]
    assert presence.announced == [7]
    assert keeper.timer.isActive() and keeper.timer.interval() == INTERVAL_MS == 60_000
    assert notice.isVisible()
    assert notice.message.text() == (
        "Nguyễn Văn An, Lê Thị Hoa đang sửa báo cáo này trên máy khác. Hãy thống nhất ai sửa "
        "phần nào để không ghi đè số liệu của nhau.")
    assert notice.message.property("tone") == "warning"
    presence.names = ["Lê Thị Hoa"]
    keeper.timer.timeout.emit()                 # a minute later
    assert notice.message.text().startswith("Lê Thị Hoa đang sửa báo cáo này")
    presence.names = []
    keeper.check()
    assert notice.isHidden(), "no one else: the warning goes"


def test_the_same_names_are_not_said_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    keeper, notice = keeper_and_notice(qtbot)
    told: list[list[str]] = []
    keeper.others_changed.connect(told.append)
    presence = Others("Phạm Minh")
    keeper.opened(presence, 3)  # type: ignore[arg-type]
    assert notice.isVisible()
    notice.hide()                               # the clerk closed the line
    keeper.check()
    keeper.check()
    assert told == [["Phạm Minh"]]
    assert notice.isHidden(), "closed by the clerk, not shown again for the same news"


def test_another_notice_is_left_alone_when_the_others_leave(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    keeper, notice = keeper_and_notice(qtbot)
    presence = Others("Phạm Minh")
    keeper.opened(presence, 3)  # type: ignore[arg-type]
    notice.show_saved(tmp_path / "bao-cao.pdf")   # an export meanwhile
    presence.names = []
    keeper.check()
    assert notice.isVisible() and notice.message.text().startswith("Đã lưu bao-cao.pdf")


def test_closing_the_report_stops_asking_and_gives_the_connection_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    keeper, notice = keeper_and_notice(qtbot)
    first, second = Others("Phạm Minh"), Others()
    keeper.opened(first, 3)  # type: ignore[arg-type]
    keeper.opened(second, 4)  # type: ignore[arg-type]
    # another report opened: the first one's connection given back
    assert first.closed == 1 and second.announced == [4]
    assert keeper.others == [] and notice.isHidden()
    keeper.closed()
    assert second.closed == 1 and not keeper.timer.isActive()
    keeper.check()                              # a tick after closing asks no one
    keeper.closed()
    assert second.closed == 1, "given back once"
