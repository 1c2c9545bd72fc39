"""Every open, save and folder dialog of the window: where it opens, what it proposes, how it looks.

Where it opens: the folder last used for the same purpose (kept in the data file's settings,
one key per purpose), else the user's Documents folder if it exists, else the home folder.
Never the program's working folder (where Qt goes when it is given a folder that does not
exist) and never the app's own data folder (hidden, and wiped with the app).

What it proposes: a save dialog proposes a file name only, in an existing folder: a folder
that does not exist would land in the name box ("Documents") or send Qt to the working folder.

How it looks: on Windows and macOS the system's own dialog is used; it speaks the system's
language and is what the clerk knows. Elsewhere (Linux, the test machines) the platform
"native" dialog depends on the desktop's theme plug-in and is often missing, so Qt's widget
dialog is used always, the same on every desktop: its strings come from
resources/qt/qtbase_vi.ts (gui/translations.py), and this module widens its columns for the
Vietnamese headers and shows sizes in the UI language and dates as dd/MM/yyyy HH:mm (Qt
formats them with the system locale, often "C" on Linux: "1 12 2026 21:15", "1 bytes").

The dialog itself runs in `ask`, the one seam the window tests replace.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QHeaderView,
    QSplitter,
    QStyle,
    QTreeView,
    QWidget,
)

from cchc_desktop.gui.file_type_names import type_name
from cchc_desktop.paths import user_data_dir

DATE_FORMAT = "dd/MM/yyyy HH:mm"
NATIVE_PLATFORMS = ("win32", "darwin")
# Columns of Qt's file list (QFileSystemModel): name, size, type, date modified.
SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN = 1, 2, 3
# The longest type the clerk's own files show ("Bảng công tác MS Excel" for .xlsx).
TYPE_SAMPLE = "Bảng công tác MS Excel"
DIALOG_SIZE = (960, 560)
SIDEBAR_WIDTH = 190


class Settings(Protocol):
    """The data file's settings, as the session, UnitSettings and Consolidation offer them."""

    def setting(self, key: str, default: str = "") -> str: ...

    def set_setting(self, key: str, value: str) -> None: ...


class Kind(Enum):
    OPEN = "open"            # one existing file
    OPEN_MANY = "open_many"  # several existing files
    SAVE = "save"            # a file name, existing or not
    FOLDER = "folder"        # an existing folder


@dataclass(frozen=True)
class Request:
    """One dialog as the window asks for it: what `ask` shows."""

    kind: Kind
    title: str
    folder: Path            # where it opens; always an existing folder
    filters: str = ""       # Qt name filters, "Tệp PDF (*.pdf);;..."
    name: str = ""          # the file name proposed (save) or selected (open), without a folder
    suffix: str = ""        # added to a saved name typed without it ("pdf")


# ---------------------------------------------------------------------- where a dialog opens
def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def usable_folder(text: str) -> Path | None:
    """`text` as a folder to open a dialog in, or None: missing, not a folder, the app's data."""
    if not text:
        return None
    folder = Path(text)
    try:
        if not folder.is_absolute() or not folder.is_dir():
            return None
    except OSError:
        return None
    return None if _inside(folder, user_data_dir()) else folder


def start_folder(last: str = "") -> Path:
    """The folder last used for this purpose, else Documents if it exists, else home."""
    for candidate in (last, str(documents_folder())):
        folder = usable_folder(candidate)
        if folder is not None:
            return folder
    return Path.home()


def _last(settings: Settings | None, purpose: str) -> str:
    return settings.setting(purpose) if settings is not None and purpose else ""


def _remember(settings: Settings | None, purpose: str, folder: Path) -> None:
    if settings is not None and purpose:
        settings.set_setting(purpose, str(folder))


# ---------------------------------------------------------------------- what the window calls
def open_file(parent: QWidget | None, settings: Settings | None, purpose: str, title: str,
              filters: str, *, select: Path | None = None) -> Path | None:
    """One existing file; `select` (a file chosen before) opens its folder with it selected.

    `purpose` is the setting keeping the folder last used for this kind of file.
    """
    folder, name = start_folder(_last(settings, purpose)), ""
    if select is not None and select.is_file() and usable_folder(str(select.parent)) is not None:
        folder, name = select.parent, select.name
    chosen = ask(parent, Request(Kind.OPEN, title, folder, filters, name))
    if not chosen:
        return None
    path = Path(chosen[0])
    _remember(settings, purpose, path.parent)
    return path


def open_files(parent: QWidget | None, settings: Settings | None, purpose: str, title: str,
               filters: str) -> list[Path]:
    chosen = ask(parent, Request(Kind.OPEN_MANY, title, start_folder(_last(settings, purpose)), filters))
    paths = [Path(name) for name in chosen]
    if paths:
        _remember(settings, purpose, paths[0].parent)
    return paths


def save_file(parent: QWidget | None, settings: Settings | None, purpose: str, title: str,
              filters: str, name: str, suffix: str = "") -> Path | None:
    """A file to write, `name` proposed in the folder last used (a name only, never a folder)."""
    request = Request(Kind.SAVE, title, start_folder(_last(settings, purpose)), filters,
                      Path(name).name, suffix.lstrip("."))
    chosen = ask(parent, request)
    if not chosen:
        return None
    path = Path(chosen[0])
    _remember(settings, purpose, path.parent)
    return path


def choose_folder(parent: QWidget | None, settings: Settings | None, purpose: str,
                  title: str) -> Path | None:
    chosen = ask(parent, Request(Kind.FOLDER, title, start_folder(_last(settings, purpose))))
    if not chosen:
        return None
    folder = Path(chosen[0])
    _remember(settings, purpose, folder)
    return folder


# ---------------------------------------------------------------------- the dialog
def ask(parent: QWidget | None, request: Request) -> list[str]:
    """Show the dialog; the chosen paths, none when the clerk cancels (replaced in the tests)."""
    dialog = make_dialog(parent, request)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return [name for name in dialog.selectedFiles() if name]
    finally:
        dialog.deleteLater()


def use_native() -> bool:
    return sys.platform in NATIVE_PLATFORMS


_MODES = {
    Kind.OPEN: (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
    Kind.OPEN_MANY: (QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
    Kind.SAVE: (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
    Kind.FOLDER: (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
}


def make_dialog(parent: QWidget | None, request: Request) -> QFileDialog:
    """The dialog `request` describes, not yet shown."""
    dialog = QFileDialog(parent, request.title, str(request.folder), request.filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not use_native())
    mode, accept = _MODES[request.kind]
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if request.kind is Kind.FOLDER:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if request.suffix:
        dialog.setDefaultSuffix(request.suffix)
    # Qt may have restored another folder from its own saved state: this one is ours.
    dialog.setDirectory(str(request.folder))
    if request.name:
        dialog.selectFile(request.name)
    if not use_native():
        _dress(dialog)
    return dialog


def _dress(dialog: QFileDialog) -> None:
    """Qt's widget dialog: the clerk's places, sizes and dates in the UI's way, no cut header."""
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setSidebarUrls(sidebar_urls())
    dialog.setProxyModel(FileListModel(dialog))
    _fit_size(dialog)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:   # the places wide enough for "Documents", "Desktop" and a user's name
        splitter.setSizes([SIDEBAR_WIDTH, dialog.width() - SIDEBAR_WIDTH])
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        fit_columns(tree)


def sidebar_urls() -> list[QUrl]:
    """Máy tính, then the clerk's own folders that exist: home, Documents, Desktop, Downloads."""
    locations = (QStandardPaths.StandardLocation.HomeLocation,
                 QStandardPaths.StandardLocation.DocumentsLocation,
                 QStandardPaths.StandardLocation.DesktopLocation,
                 QStandardPaths.StandardLocation.DownloadLocation)
    urls = [QUrl("file:")]
    seen: set[str] = set()
    for location in locations:
        folder = QStandardPaths.writableLocation(location)
        if folder and folder not in seen and Path(folder).is_dir():
            seen.add(folder)
            urls.append(QUrl.fromLocalFile(folder))
    return urls


def _fit_size(dialog: QFileDialog) -> None:
    width, height = DIALOG_SIZE
    screen = dialog.screen() or QApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 40), min(height, room.height() - 60)
    dialog.resize(width, height)


def column_widths(tree: QTreeView) -> dict[int, int]:
    """Widths that show the whole header and the longest usual value of each detail column."""
    metrics, header = tree.fontMetrics(), tree.header()
    model = tree.model()
    # The header's margins and its sort arrow.
    padding = 2 * tree.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 24
    samples = {SIZE_COLUMN: "1.023,9 MB", TYPE_COLUMN: TYPE_SAMPLE, DATE_COLUMN: "28/12/2026 23:59"}
    widths = {}
    for column, sample in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        text = max(header.fontMetrics().horizontalAdvance(title), metrics.horizontalAdvance(sample))
        # The header's own measure too: its style may want more than the margins and an arrow.
        widths[column] = max(text + padding, header.sectionSizeFromContents(column).width())
    return widths


def fit_columns(tree: QTreeView) -> None:
    """The name column takes what the others leave; none is cut."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, width in column_widths(tree).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)


class FileListModel(QIdentityProxyModel):
    """Qt's file list with sizes in the UI language, dates as dd/MM/yyyy HH:mm and the app's own
    kinds of file named in the UI language (gui/file_type_names.py)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        if role == Qt.ItemDataRole.DisplayRole and isinstance(source, QFileSystemModel):
            column = index.column()
            if column in (SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN):
                source_index = self.mapToSource(index)
                if column == DATE_COLUMN:
                    return format_modified(source, source_index)
                if not source.isDir(source_index):
                    if column == TYPE_COLUMN:
                        return type_name(source.fileName(source_index)) or super().data(index, role)
                    return format_size(source.size(source_index))
        return super().data(index, role)


def format_modified(model: QFileSystemModel, index: QModelIndex) -> str:
    moment = model.lastModified(index)
    return moment.toString(DATE_FORMAT) if moment.isValid() else ""


def format_size(size: int) -> str:
    """'2,9 kB' in Vietnamese (the UI's locale: QLocale's default), '2.9 kB' in English."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)

