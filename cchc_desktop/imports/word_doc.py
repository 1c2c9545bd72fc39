"""An old Word 97-2003 .doc turned into a .docx by LibreOffice, for the Word reader (imports/word.py).

python-docx reads only .docx. When LibreOffice (`soffice` or `libreoffice`) is on PATH, a .doc
is converted in a temporary folder of its own: a copy of the file under its own name, a
throw-away LibreOffice profile (a LibreOffice already open on the machine would otherwise take
the job and return at once without converting), a time limit, LibreOffice's output kept to a
few kilobytes, and the .docx it writes read within the project's bounds like any file from
outside. Without LibreOffice the clerk is told, in Vietnamese, to save the file as .docx.
Used by the command line (cli/converting.py) and the window (gui/word_import_dialog.py).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cchc_desktop.domain.template import Template
from cchc_desktop.i18n import _
from cchc_desktop.imports.word import WordProposal, read_word_report
from cchc_desktop.reading import MAX_WORKBOOK_BYTES, InputFileError, check_input_file

CONVERT_SECONDS = 120          # a report of a few dozen pages takes a few seconds
MAX_MESSAGE_BYTES = 300        # what of LibreOffice's own output a refusal quotes
LIBREOFFICE_NAMES = ("soffice", "libreoffice")


def is_old_word(path: Path) -> bool:
    return path.suffix.lower() == ".doc"


def libreoffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    for name in LIBREOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def no_libreoffice_message(name: str) -> str:
    return _("Tệp {name} là tệp Word 97-2003 (.doc), cần LibreOffice để đọc nhưng máy này chưa "
             "cài LibreOffice. Hãy mở tệp trong Word, chọn Lưu thành (Save As) dạng .docx rồi "
             "nhập lại.").format(name=name)


@contextlib.contextmanager
def as_docx(path: Path, *, timeout: float = CONVERT_SECONDS) -> Iterator[Path]:
    """`path` itself for a .docx; for a .doc, the .docx LibreOffice made of it (deleted after).

    InputFileError in Vietnamese when there is no LibreOffice, or it fails or takes too long.
    """
    path = Path(path)
    if not is_old_word(path):
        yield path
        return
    check_input_file(path, limit=MAX_WORKBOOK_BYTES)
    program = libreoffice()
    if program is None:
        raise InputFileError(no_libreoffice_message(path.name))
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as folder:
        work = Path(folder)
        source = work / "in" / path.name
        source.parent.mkdir()
        shutil.copyfile(path, source)
        yield _converted(program, source, work, timeout)


def _converted(program: str, source: Path, work: Path, timeout: float) -> Path:
    out = work / "out"
    out.mkdir()
    log = work / "soffice.log"
    command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
               "--norestore", "--convert-to", "docx", "--outdir", str(out), str(source)]
    try:
        with log.open("wb") as output:
            # Its output goes to a file, read back only as far as a message needs.
            finished = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=output,
                                      stderr=subprocess.STDOUT, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise InputFileError(_("LibreOffice chưa chuyển xong tệp {name} sau {seconds} giây; hãy "
                               "lưu tệp thành .docx bằng Word rồi nhập lại.").format(
            name=source.name, seconds=int(timeout))) from exc
    except OSError as exc:
        raise InputFileError(_("Không chạy được LibreOffice để đọc tệp {name}: {error}.").format(
            name=source.name, error=exc.strerror or exc)) from exc
    result = out / (source.stem + ".docx")
    if finished.returncode != 0 or not result.is_file():
        with log.open("rb") as output:
            said = output.read(MAX_MESSAGE_BYTES).decode("utf-8", "replace").strip()
        raise InputFileError(_("LibreOffice không chuyển được tệp {name} sang .docx (mã {code}){said}"
                               ". Hãy lưu tệp thành .docx bằng Word rồi nhập lại.").format(
            name=source.name, code=finished.returncode, said=f": {said}" if said else ""))
    return result


def read_word_file(path: Path, template: Template) -> WordProposal:
    """read_word_report for a .docx or (through LibreOffice) a .doc."""
    with as_docx(path) as docx_path:
        return read_word_report(docx_path, template)
