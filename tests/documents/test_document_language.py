"""The PDF for signature and the Excel annex are Vietnamese whatever language the UI speaks.

`cchc-desktop --lang en export` once printed "Ủy ban nhân dân xã Mỹ An reports on kết quả...",
"Recipients:" beside "KT. CHỦ TỊCH" and "63.64%": the documents took their language from
the UI's global. Each test here runs with the UI in English and checks that it is (so it
fails when the catalog stops translating, instead of passing on two Vietnamese runs).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from documents.doc_helpers import (
    SAMPLE,
    assert_vietnamese_pdf,
    assert_vietnamese_workbook,
    need,
    pdf_text,
    sample_context,
    workbook_texts,
)
from in_process_cli import cli

from cchc_desktop import i18n
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE, findings_in
from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.documents.text import nfc
from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.units import Text


def _english_catalog() -> None:
    """English UI; a missing catalog fails the test (scripts/setup.sh compiles it), never skips it:
    a Vietnamese document under a UI that stayed Vietnamese would prove nothing."""
    i18n.set_language("en")
    assert i18n._("Nơi nhận:") != "Nơi nhận:", "the English catalog is not compiled: run scripts/setup.sh"


@dataclass(frozen=True)
class Run:
    stdout: str
    pdf: Path
    xlsx: Path


@pytest.fixture(scope="module")
def cli_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The sample (with a previous period to compare with) exported from the command line,
    once with `--lang vi` and once with `--lang en`."""
    need("pdftotext")
    folder = tmp_path_factory.mktemp("cli-language")
    previous = json.loads(SAMPLE.read_text("utf-8"))
    previous["period"] = {"year": 2025, "kind": "Y"}
    previous_path = folder / "nam-2025.json"
    previous_path.write_text(json.dumps(previous, ensure_ascii=False), "utf-8")
    runs = {}
    for language in ("vi", "en"):
        run = Run("", folder / f"{language}.pdf", folder / f"{language}.xlsx")
        result = cli("--lang", language, "export", SAMPLE, "--previous", previous_path,
                      "--pdf", run.pdf, "--xlsx", run.xlsx)
        assert result.returncode == 0, result.stderr
        runs[language] = Run(result.stdout, run.pdf, run.xlsx)
    return runs


def english_run(runs: dict[str, Run]) -> Run:
    """The `--lang en` run, after checking that the command line spoke English in it."""
    run = runs["en"]
    assert "Đã ghi" not in run.stdout, "the English catalog is not compiled: run scripts/setup.sh"
    assert f"Wrote {run.pdf} (" in run.stdout and "pages)" in run.stdout
    assert f"Wrote {run.xlsx}" in run.stdout
    return run


def test_the_command_line_speaks_english_with_lang_en(cli_exports: dict[str, Run]) -> None:
    english_run(cli_exports)
    assert "Đã ghi" in cli_exports["vi"].stdout


def test_lang_en_exports_a_vietnamese_pdf(cli_exports: dict[str, Run]) -> None:
    text = pdf_text(english_run(cli_exports).pdf, layout=False)
    assert_vietnamese_pdf(text)
    assert "Kỳ trước" in text                       # the comparison column, in Vietnamese too
    assert text == pdf_text(cli_exports["vi"].pdf, layout=False), "the UI's language changed the PDF"


def test_lang_en_exports_a_vietnamese_workbook(cli_exports: dict[str, Run]) -> None:
    texts = workbook_texts(english_run(cli_exports).xlsx)
    assert_vietnamese_workbook(texts)
    assert texts == workbook_texts(cli_exports["vi"].xlsx), "the UI's language changed the workbook"


def test_the_warnings_annex_is_worded_in_vietnamese_under_an_english_ui(tmp_path: Path) -> None:
    need("pdftotext")
    vietnamese = "Viên chức có mặt (31) lớn hơn số viên chức được giao (30): vượt 1."
    _english_catalog()
    context = sample_context(status=ReportStatus.FINAL)     # built as an English window builds it
    assert [f.message for f in context.findings] == [
        "Public employees present (31) is greater than public employee posts (30): over by 1."]
    # A finding carries its rule and figures; it becomes a sentence where it is shown.
    assert [finding_text(f, DOCUMENT_LANGUAGE) for f in context.findings] == [vietnamese]
    worded = findings_in(context, DOCUMENT_LANGUAGE)
    assert [finding_text(f, DOCUMENT_LANGUAGE) for f in worded] == [vietnamese]
    assert [(f.rule, f.justified) for f in worded] == [(f.rule, f.justified) for f in context.findings]
    write_pdf(context, tmp_path / "final.pdf")
    text = " ".join(pdf_text(tmp_path / "final.pdf", layout=False).split())
    assert vietnamese in text and "greater than" not in text
    assert i18n._("Nơi nhận:") == "Recipients:", "the UI stayed in English"


def test_in_process_writers_ignore_the_ui_language(tmp_path: Path) -> None:
    need("pdftotext")
    context = sample_context()
    write_pdf(context, tmp_path / "vi.pdf")
    write_workbook(context, tmp_path / "vi.xlsx")
    _english_catalog()
    english_context = sample_context()          # built, as the window builds it, in English
    write_pdf(english_context, tmp_path / "en.pdf")
    write_workbook(english_context, tmp_path / "en.xlsx")
    assert pdf_text(tmp_path / "en.pdf") == pdf_text(tmp_path / "vi.pdf")
    assert workbook_texts(tmp_path / "en.xlsx") == workbook_texts(tmp_path / "vi.xlsx")
    assert english_context.report.period.label == "Q1 2026", "the UI speaks English"


def test_labels_take_the_language_as_an_argument() -> None:
    label = Text("Số hồ sơ tiếp nhận", "Records received")
    english = i18n.language_named("en")
    assert label.render(DOCUMENT_LANGUAGE) == "Số hồ sơ tiếp nhận"
    assert label.render(english) == "Records received"
    assert Text("Chỉ có tiếng Việt").render(english) == "Chỉ có tiếng Việt"
    period = Period.default(2026, "Q1")
    _english_catalog()
    assert str(label) == "Records received"                   # str() is the UI's
    assert period.label_in(DOCUMENT_LANGUAGE) == "Quý I năm 2026"
    assert ReportStatus.DRAFT.label_in(DOCUMENT_LANGUAGE) == "Dự thảo"
    assert (period.label, ReportStatus.DRAFT.label) == ("Q1 2026", "Draft")
    assert DOCUMENT_LANGUAGE.locale == "vi_VN"


def test_a_document_cannot_print_a_label_without_choosing_its_language() -> None:
    with pytest.raises(TypeError, match="document's language"):
        nfc(Text("Số hồ sơ", "Records"))


def test_speaking_is_confined_to_its_thread() -> None:
    """The export words its findings in Vietnamese on a worker while the window stays English."""
    _english_catalog()
    inside, go_on = threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def worker() -> None:
        with i18n.speaking(DOCUMENT_LANGUAGE):
            seen["worker"] = i18n._("Nơi nhận:")
            inside.set()
            go_on.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    seen["window"] = i18n._("Nơi nhận:")
    go_on.set()
    thread.join(5)
    assert seen == {"worker": "Nơi nhận:", "window": "Recipients:"}
    assert i18n.current_language() == "en" and i18n.babel_locale() == "en_US"
