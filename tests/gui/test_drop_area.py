"""gui/drop_area.py: the drop target for the units' files takes local files and folders (not web
links), says so by its "active" look while dragged over, and hands the paths on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from cchc_desktop.gui.drop_area import DropArea, dropped_paths


def mime(*urls: QUrl) -> QMimeData:
    data = QMimeData()
    data.setUrls(list(urls))
    return data


def enter(area: DropArea, data: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.ignore()
    QApplication.sendEvent(area, event)
    return event


def drop(area: DropArea, data: QMimeData) -> QDropEvent:
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.ignore()
    QApplication.sendEvent(area, event)
    return event


def area_shown(qtbot) -> DropArea:  # type: ignore[no-untyped-def]
    area = DropArea()
    qtbot.addWidget(area)
    area.resize(200, 80)
    area.show()
    return area


def test_only_local_files_and_folders_are_taken(tmp_path: Path) -> None:
    unit = tmp_path / "xa-my-an.json"
    unit.write_text("{}", encoding="utf-8")
    folder = tmp_path / "don-vi"
    folder.mkdir()
    data = mime(QUrl.fromLocalFile(str(unit)), QUrl("https://example.org/bao-cao.json"),
                QUrl.fromLocalFile(str(folder)))
    event = QDropEvent(QPointF(0, 0), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert dropped_paths(event) == [unit, folder]


def test_text_without_urls_carries_no_paths() -> None:
    data = QMimeData()
    data.setText("/home/clerk/xa-my-an.json")
    event = QDropEvent(QPointF(0, 0), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert dropped_paths(event) == []


def test_a_drag_of_files_is_accepted_and_looks_active_until_it_leaves(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    area = area_shown(qtbot)
    assert area.objectName() == "dropArea"
    assert area.acceptDrops()
    assert area.property("active") == "false"
    event = enter(area, mime(QUrl.fromLocalFile(str(tmp_path / "a.json"))))
    assert event.isAccepted()
    assert area.property("active") == "true"
    QApplication.sendEvent(area, QDragLeaveEvent())
    assert area.property("active") == "false"


def test_a_drag_of_web_links_is_refused_and_does_not_light_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    area = area_shown(qtbot)
    event = enter(area, mime(QUrl("https://example.org/a.json")))
    assert not event.isAccepted()
    assert area.property("active") == "false"


def test_a_drop_hands_on_the_paths_and_the_look_returns(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    area = area_shown(qtbot)
    files = [tmp_path / "a.json", tmp_path / "b.xlsx"]
    data = mime(*(QUrl.fromLocalFile(str(path)) for path in files))
    enter(area, data)
    with qtbot.waitSignal(area.dropped, timeout=1000) as blocker:
        event = drop(area, data)
    assert blocker.args == [files]
    assert event.isAccepted()
    assert area.property("active") == "false"


def test_a_drop_of_nothing_local_emits_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    area = area_shown(qtbot)
    got: list[object] = []
    area.dropped.connect(got.append)
    drop(area, mime(QUrl("https://example.org/a.json")))
    assert got == []
