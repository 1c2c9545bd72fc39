"""The window's file dialogs: where they open, what they propose, and that they speak Vietnamese."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QTreeView

from cchc_desktop import i18n
from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.file_dialogs import Kind, Request
from cchc_desktop.paths import user_data_dir
from tests.gui.file_answers import answer_file_dialogs


class Settings:
    """The data file's settings, as the session hands them to a dialog."""

    def __init__(self, **values: str) -> None:
        self.values = dict(values)

    def setting(self, key: str, default: str = "") -> str:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.values[key] = value


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clerk's home folder without Documents, and no user-dirs file naming another one."""
    folder = tmp_path / "home" / "nam"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)     # the working folder, which a dialog must never open in
    return folder


# ---------------------------------------------------------------------- where a dialog opens
def test_without_documents_the_dialog_opens_at_home(home: Path) -> None:
    assert not (home / "Documents").exists()
    assert file_dialogs.start_folder() == home
    assert file_dialogs.start_folder(str(home / "Documents")) == home


def test_with_documents_the_dialog_opens_there(home: Path) -> None:
    (home / "Documents").mkdir()
    assert file_dialogs.start_folder() == home / "Documents"


def test_the_folder_last_used_wins_while_it_exists(home: Path, tmp_path: Path) -> None:
    (home / "Documents").mkdir()
    last = tmp_path / "Báo cáo quý"
    last.mkdir()
    assert file_dialogs.start_folder(str(last)) == last
    last.rmdir()     # a USB stick taken out, a folder deleted
    assert file_dialogs.start_folder(str(last)) == home / "Documents"


def test_never_the_apps_own_data_folder(home: Path) -> None:
    inside = user_data_dir() / "gui-di"
    inside.mkdir(parents=True)
    assert file_dialogs.start_folder(str(inside)) == home
    assert file_dialogs.start_folder(str(user_data_dir())) == home


def test_a_save_proposes_a_name_in_an_existing_folder_and_remembers_the_choice(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(export_dir=str(home / "Documents"))    # kept from a PC where it existed
    chosen = tmp_path / "xuat"
    chosen.mkdir()
    asked = answer_file_dialogs(monkeypatch, save=lambda request: chosen / request.name)
    path = file_dialogs.save_file(None, settings, "export_dir", "Lưu báo cáo", "Tệp PDF (*.pdf)",
                                  "BC-CCHC_xa-my-an_2026-Q1.pdf", ".pdf")
    assert asked == [Request(Kind.SAVE, "Lưu báo cáo", home, "Tệp PDF (*.pdf)",
                             "BC-CCHC_xa-my-an_2026-Q1.pdf", "pdf")]
    assert path == chosen / "BC-CCHC_xa-my-an_2026-Q1.pdf"
    assert settings.values["export_dir"] == str(chosen)
    file_dialogs.save_file(None, settings, "export_dir", "Lưu báo cáo", "", "b.pdf")
    assert asked[-1].folder == chosen, "the next export opens where the last one went"


def test_cancel_remembers_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    answer_file_dialogs(monkeypatch)
    assert file_dialogs.open_file(None, settings, "import_dir", "Chọn tệp", "") is None
    assert file_dialogs.choose_folder(None, settings, "submit_dir", "Chọn thư mục") is None
    assert file_dialogs.open_files(None, settings, "consolidation_dir", "Chọn tệp", "") == []
    assert settings.values == {}


def test_a_file_chosen_before_is_selected_in_its_folder(home: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "khoa" / "chung-thu.p12"
    key.parent.mkdir()
    key.write_bytes(b"x")
    asked = answer_file_dialogs(monkeypatch, open=key)
    file_dialogs.open_file(None, Settings(), "signing_key_dir", "Chọn tệp chứng thư số", "",
                           select=key)
    assert (asked[0].folder, asked[0].name) == (key.parent, key.name)


# ---------------------------------------------------------------------- the dialog itself
@pytest.fixture(autouse=True)
def _own_qt_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's file dialog keeps its state in QtProject.conf: a throw-away one, not the tester's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def show(qtbot, request: Request) -> QFileDialog:  # type: ignore[no-untyped-def]
    dialog = file_dialogs.make_dialog(None, request)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def labels(dialog: QFileDialog) -> dict[str, str]:
    return {label.objectName(): label.text() for label in dialog.findChildren(QLabel)
            if label.objectName()}


def loaded_rows(qtbot, dialog: QFileDialog) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The detail view's rows once Qt has read the folder: name -> the columns' texts."""
    tree = dialog.findChild(QTreeView, "treeView")
    model = tree.model()
    qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) > 0, timeout=5000)

    def row(r: int) -> list[str]:
        return [str(model.index(r, c, tree.rootIndex()).data() or "") for c in range(4)]

    # Sizes and dates arrive from Qt's file-info thread after the names.
    qtbot.waitUntil(lambda: all(row(r)[3] for r in range(model.rowCount(tree.rootIndex()))),
                    timeout=5000)
    return {row(r)[0]: row(r) for r in range(model.rowCount(tree.rootIndex()))}


def test_the_save_dialog_speaks_vietnamese(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, Request(Kind.SAVE, "Lưu báo cáo", tmp_path, "Tệp PDF (*.pdf)",
                                 "BC-CCHC_xa-my-an_2026-Q1.pdf", "pdf"))
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog) == (not file_dialogs.use_native())
    texts = labels(dialog)
    assert texts["lookInLabel"] == "&Tìm trong:"
    assert texts["fileNameLabel"] == "&Tên tệp:"
    assert texts["fileTypeLabel"] == "&Loại tệp:"
    assert dialog.findChild(QComboBox, "fileTypeCombo").currentText() == "Tệp PDF (*.pdf)"
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name.text() == "BC-CCHC_xa-my-an_2026-Q1.pdf", "a name, no folder in it"
    assert Path(dialog.directory().absolutePath()) == tmp_path
    tree = dialog.findChild(QTreeView, "treeView")
    headers = [tree.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa"]


def test_the_folder_dialog_speaks_vietnamese(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "gui-di").mkdir()
    dialog = show(qtbot, Request(Kind.FOLDER, "Chọn thư mục lưu gói báo cáo", tmp_path))
    assert labels(dialog)["fileNameLabel"] == "Thư mục:"
    assert dialog.findChild(QComboBox, "fileTypeCombo").currentText() == "Thư mục"
    rows = loaded_rows(qtbot, dialog)
    assert rows["gui-di"][2] == "Thư mục"      # the type column: Qt's "Folder"


def test_the_english_ui_keeps_qts_english(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language("en")
    dialog = show(qtbot, Request(Kind.OPEN, "Open", tmp_path, "PDF (*.pdf)"))
    assert labels(dialog)["lookInLabel"] == "&Look in:"


def test_dates_and_sizes_in_the_uis_way(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "BC-CCHC_xa-my-an_2026-Q1.pdf"
    report.write_bytes(b"x" * 3000)
    moment = dt.datetime(2026, 12, 1, 21, 15).timestamp()
    os.utime(report, (moment, moment))
    dialog = show(qtbot, Request(Kind.OPEN, "Mở", tmp_path, "Tệp PDF (*.pdf)"))
    _name, size, kind, modified = loaded_rows(qtbot, dialog)[report.name]
    assert modified == "01/12/2026 21:15"
    assert size == "2,9 kB"
    assert kind != "", "the type comes from the system's file types"


def test_a_report_file_and_a_certificate_have_their_type_in_the_uis_language(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path) -> None:
    for name in ("xa-my-an-2026-Q1.json", "goc.cer", "thu-hoi.crl", "bao-cao.pdf"):
        (tmp_path / name).write_bytes(b"{}")
    dialog = show(qtbot, Request(Kind.OPEN, "Mở", tmp_path))
    kinds = {name: row[2] for name, row in loaded_rows(qtbot, dialog).items()}
    assert kinds["xa-my-an-2026-Q1.json"] == "Tài liệu JSON", "Qt's 'JSON document'"
    assert kinds["goc.cer"] == "Chứng thư số X.509"
    assert kinds["thu-hoi.crl"] == "Danh sách chứng thư bị thu hồi"
    assert kinds["bao-cao.pdf"] not in ("", "Tài liệu JSON"), "others keep the system's name"


def test_no_column_header_is_cut(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.pdf").write_bytes(b"x")
    dialog = show(qtbot, Request(Kind.OPEN, "Mở", tmp_path, "Tệp PDF (*.pdf)"))
    tree = dialog.findChild(QTreeView, "treeView")
    header = tree.header()
    for column in (1, 2, 3):
        title = str(tree.model().headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) > header.fontMetrics().horizontalAdvance(title) + 16, title
    date = tree.fontMetrics().horizontalAdvance("01/12/2026 21:15")
    assert header.sectionSize(3) > date
    # The name takes the room the others leave, once the dialog is laid out.
    others = sum(header.sectionSize(column) for column in (1, 2, 3))
    qtbot.waitUntil(lambda: header.sectionSize(0) + others >= tree.viewport().width() - 1, timeout=3000)
    assert header.sectionSize(0) > 100
