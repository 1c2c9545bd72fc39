"""The PDF for signature, checked with poppler as a reader would see it (Decree 30/2020)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from documents.doc_helpers import (
    MM,
    Page,
    Word,
    district_context,
    load_sample,
    long_context,
    pdf_pages,
    pdf_text,
    run,
    sample_context,
)

from cchc_desktop.documents import pdf_report
from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample as a draft, as final, and a district's report, written once per session."""
    from cchc_desktop.documents.pdf_report import write_pdf

    folder = tmp_path_factory.mktemp("pdf")
    paths = {"draft": folder / "draft.pdf", "final": folder / "final.pdf",
             "district": folder / "district.pdf"}
    write_pdf(sample_context(), paths["draft"])
    write_pdf(sample_context(status=ReportStatus.FINAL), paths["final"])
    write_pdf(district_context(), paths["district"])
    return paths


def first_page_lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for line in pdf_text(path, first=1, last=1).splitlines()]


# ------------------------------------------------------------------------------ header and title

def test_header_of_a_commune_issuing_its_own_report(exported: dict[str, Path]) -> None:
    lines = first_page_lines(exported["final"])
    assert lines[0] == "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "XÃ MỸ AN Độc lập - Tự do - Hạnh phúc"
    assert "Số: 07/BC-UBND Mỹ An, ngày 17 tháng 3 năm 2026" in lines
    title = lines.index("BÁO CÁO")
    assert lines[title + 1] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"
    # No superior line above a UBND issuing in its own name.
    assert not any("UBND TỈNH" in line for line in lines)


def test_header_columns_are_40_and_60_percent(exported: dict[str, Path]) -> None:
    page = pdf_pages(exported["final"])[0]
    text_left, text_right = 30 * MM, page.width - 15 * MM
    width = text_right - text_left

    def centre(word: str) -> float:
        found = next(w for w in page.words if w.text == word)
        return (found.x_min + found.x_max) / 2

    # "NHÂN" sits mid-line in "ỦY BAN NHÂN DÂN"; "XÃ" begins the national title's middle word.
    body = [w for w in page.words if w.text in {"ỦY", "BAN", "NHÂN", "DÂN"} and w.y_min < 80 * MM]
    left_centre = (min(w.x_min for w in body) + max(w.x_max for w in body)) / 2
    assert left_centre == pytest.approx(text_left + 0.2 * width, abs=3)
    motto = [w for w in page.words if w.text in {"Độc", "phúc"}]
    right_centre = (min(w.x_min for w in motto) + max(w.x_max for w in motto)) / 2
    assert right_centre == pytest.approx(text_left + 0.7 * width, abs=3)
    assert centre("BÁO") < centre("CÁO")


def test_header_of_a_district_office_names_its_superior(exported: dict[str, Path]) -> None:
    lines = first_page_lines(exported["district"])
    assert lines[0] == "UBND HUYỆN LAI VUNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "PHÒNG NỘI VỤ Độc lập - Tự do - Hạnh phúc"
    # Leading zeros for a day below 10 and for January.
    assert "Số: 07/BC-PNV Lai Vung, ngày 05 tháng 01 năm 2024" in lines


def test_without_a_date_the_date_line_is_left_for_the_hand(tmp_path: Path) -> None:
    report, template = load_sample()
    report.document.date = None
    report.status = ReportStatus.FINAL
    write_pdf(build_context(report, template), tmp_path / "x.pdf")
    lines = first_page_lines(tmp_path / "x.pdf")
    assert any(re.search(r"Mỹ An, ngày\s+tháng\s+năm 2026", line) for line in lines)


# ------------------------------------------------------------------------------ page layout

def test_page_numbers_from_page_two_centred_in_the_top_margin(exported: dict[str, Path]) -> None:
    pages = pdf_pages(exported["final"])
    assert len(pages) >= 3
    for page in pages:
        in_margin = [w for w in page.words if w.y_max <= 20 * MM]
        if page.number == 1:
            assert in_margin == []
            continue
        assert [w.text for w in in_margin] == [str(page.number)]
        number = in_margin[0]
        text_centre = (30 * MM + page.width - 15 * MM) / 2
        assert (number.x_min + number.x_max) / 2 == pytest.approx(text_centre, abs=2)


def test_text_stays_inside_the_decree_margins(exported: dict[str, Path]) -> None:
    for name in ("final", "district"):
        for page in pdf_pages(exported[name]):
            words = [w for w in page.words if w.y_max > 20 * MM]   # all but the page number
            assert words, f"{name} page {page.number} is empty"
            assert min(w.x_min for w in words) >= 30 * MM - 0.5, (name, page.number)
            assert max(w.x_max for w in words) <= page.width - 15 * MM + 0.5, (name, page.number)
            assert min(w.y_min for w in words) >= 20 * MM - 0.5, (name, page.number)
            assert max(w.y_max for w in words) <= page.height - 20 * MM + 0.5, (name, page.number)


def test_page_count_is_returned_and_the_page_is_a4(exported: dict[str, Path], tmp_path: Path) -> None:
    pages = write_pdf(sample_context(status=ReportStatus.FINAL), tmp_path / "r.pdf")
    info = run("pdfinfo", str(tmp_path / "r.pdf"))
    assert f"Pages:          {pages}" in info or re.search(rf"Pages:\s+{pages}\b", info)
    assert "595.276 x 841.89 pts (A4)" in info


def test_fonts_are_the_shipped_liberation_serif_embedded(exported: dict[str, Path]) -> None:
    listing = run("pdffonts", str(exported["draft"])).splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        columns = line.split()
        assert "LiberationSerif" in columns[0], line
        assert columns[-5] == "yes", f"not embedded: {line}"   # emb column


def _watermark(page: Page) -> str:
    """The letters of the diagonal watermark: the only words taller than 100 pt."""
    big = sorted((w for w in page.words if w.y_max - w.y_min > 100), key=lambda w: w.x_min)
    return "".join(w.text for w in big)


def test_watermark_on_a_draft_only(exported: dict[str, Path]) -> None:
    for page in pdf_pages(exported["draft"]):
        assert _watermark(page) == "DỰTHẢO", f"page {page.number}"
    for name in ("final", "district"):
        for page in pdf_pages(exported[name]):
            assert _watermark(page) == ""
            assert "DỰ" not in {w.text for w in page.words}


def test_a_report_said_final_but_holding_an_error_prints_as_a_draft(tmp_path: Path) -> None:
    """A file of an older version or another tool may claim "final" over an error."""
    context = sample_context(status=ReportStatus.FINAL)
    context.report.values["cddh.kh.tong"] = context.report.values["cddh.kh.tong"] + 7
    wrong = build_context(context.report, context.template)
    assert any(f.severity.value == "error" for f in wrong.findings)
    write_pdf(wrong, tmp_path / "sai.pdf")
    assert all(_watermark(page) == "DỰTHẢO" for page in pdf_pages(tmp_path / "sai.pdf"))


# ------------------------------------------------------------------------------ body

def test_rates_are_written_with_their_fractions(exported: dict[str, Path]) -> None:
    text = " ".join(pdf_text(exported["final"]).split())
    # 1421/1428 = 99.5098...%, 2987.455/15400 = 19.3990...%, 66 plan tasks, 42 done = 63.6363...%
    assert "1.421/1.428 hồ sơ, đạt 99,51%" in text
    assert "2.987,455/15.400 triệu đồng, đạt 19,40%" in text
    assert "42/66 nhiệm vụ, đạt 63,64%" in text
    assert "99,51%" in text and "19,40%" in text


def test_outline_headings_and_closing(exported: dict[str, Path]) -> None:
    text = pdf_text(exported["final"])
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "1. Cải cách thể chế",
                    "III. ĐÁNH GIÁ CHUNG", "2. Hạn chế và nguyên nhân",
                    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "V. KIẾN NGHỊ, ĐỀ XUẤT"):
        assert heading in lines
    flat = " ".join(text.split())
    assert "./." in flat
    # The checklist of tasks is in section I, with each task's state.
    section_one = flat[flat.index("I. CÔNG TÁC"):flat.index("II. KẾT QUẢ")]
    assert "Tổ chức khảo sát sự hài lòng của người dân: chưa thực hiện." in section_one


def test_recipients_beside_the_signature(exported: dict[str, Path]) -> None:
    pages = pdf_pages(exported["final"])
    signature_page = next(p for p in pages if "Nơi" in {w.text for w in p.words}
                          and "nhận:" in {w.text for w in p.words})
    words = signature_page.words
    noi = next(w for w in words if w.text == "Nơi")
    authority = next(w for w in words if w.text == "KT.")
    assert abs(noi.y_min - authority.y_min) < 4          # side by side, on one line
    assert noi.x_min < authority.x_min
    text = " ".join(pdf_text(exported["final"]).split())
    assert "- Sở Nội vụ tỉnh Đồng Tháp (b/c);" in text
    assert "- Lưu: VT, VP." in text
    name = [w for w in words if w.text in {"Trần", "Thị", "Bích", "Ngọc"}]
    assert len(name) == 4
    assert min(w.y_min for w in name) - authority.y_max > 20 * MM   # room to sign and seal


def test_citation_becomes_a_footnote_at_the_foot_of_its_page(exported: dict[str, Path]) -> None:
    page = pdf_pages(exported["final"])[0]
    number = [w for w in page.words if w.text == "20/KH-UBND"]
    assert len(number) == 1
    assert number[0].y_min > page.height * 0.8
    assert "Kế hoạch số 20/KH-UBND ngày 06/01/2026" in " ".join(
        pdf_text(exported["final"], first=1, last=1).split())


def test_decomposed_and_markup_characters_are_printed_as_written(tmp_path: Path) -> None:
    report, template = load_sample()
    report.status = ReportStatus.FINAL
    nfd = unicodedata.normalize("NFD", "Tiếp tục ổn định tổ chức bộ máy")
    report.texts[template.sections[1].children[2].id] = f"{nfd} <b>&amp; 5 < 7 & \"trích\""
    write_pdf(build_context(report, template), tmp_path / "x.pdf")
    text = " ".join(pdf_text(tmp_path / "x.pdf").split())
    assert "Tiếp tục ổn định tổ chức bộ máy <b>&amp; 5 < 7 & \"trích\"" in text


# ------------------------------------------------------------------------------ annexes

def _annex_titles(path: Path) -> list[str]:
    lines = [" ".join(line.split()) for line in pdf_text(path).splitlines()]
    return [lines[i + 1] for i, line in enumerate(lines) if re.fullmatch(r"Phụ lục [IVX]+", line)]


def test_annexes_with_content_numbered_in_order(exported: dict[str, Path]) -> None:
    assert _annex_titles(exported["final"]) == [
        "Số liệu kết quả thực hiện công tác cải cách hành chính",
        "Giải trình các số liệu có cảnh báo",
        "Bảng tổng hợp kiến nghị, đề xuất",
        "Danh mục văn bản chỉ đạo, điều hành đã ban hành",
    ]
    assert _annex_titles(exported["district"])[2] == \
        "Tình hình gửi báo cáo của các đơn vị trực thuộc"


def test_justification_annex_only_when_a_warning_is_left(tmp_path: Path) -> None:
    report, template = load_sample()
    report.status = ReportStatus.FINAL
    # The one warning of the sample: 31 public employees present for 30 posts.
    staff = next(code for code, ind in template.indicators.items()
                 if str(ind.label) == "Viên chức có mặt")
    report.values[staff] -= 1
    write_pdf(build_context(report, template), tmp_path / "x.pdf")
    titles = _annex_titles(tmp_path / "x.pdf")
    assert "Giải trình các số liệu có cảnh báo" not in titles
    assert len(titles) == 3


def test_justification_annex_carries_the_note(exported: dict[str, Path]) -> None:
    text = " ".join(pdf_text(exported["final"], layout=False).split())
    start = text.index("Giải trình các số liệu có cảnh báo (Kèm")
    annex = text[start:]
    assert "Viên chức có mặt (31)" in annex
    assert "Nghị định 111/2022/NĐ-CP" in annex


def test_subunit_marks_sit_under_their_column(exported: dict[str, Path]) -> None:
    pages = pdf_pages(exported["district"])
    page = next(p for p in pages if "Đúng" in {w.text for w in p.words}
                and "Trễ" in {w.text for w in p.words})
    words = page.words

    def centre(word: Word) -> float:
        return (word.x_min + word.x_max) / 2

    on_time = next(w for w in words if w.text == "Đúng")
    late = next(w for w in words if w.text == "Trễ")
    missing = next(w for w in words if w.text == "Không" and w.y_min < on_time.y_min)
    marks = sorted((w for w in words if w.text == "X"), key=lambda w: w.y_min)
    assert len(marks) == 3
    expected = [centre(on_time) + 10, centre(late) + 8, None]   # "Đúng hạn", "Trễ hạn"
    assert abs(centre(marks[0]) - expected[0]) < 20
    assert abs(centre(marks[1]) - expected[1]) < 20
    assert centre(marks[2]) > centre(missing)
    assert centre(marks[0]) < centre(marks[1]) < centre(marks[2])


def test_wide_figures_annex_is_landscape(tmp_path: Path) -> None:
    report, template = load_sample()
    report.status = ReportStatus.FINAL
    context = build_context(report, template, previous=report, last_year=report)
    write_pdf(context, tmp_path / "x.pdf")
    pages = pdf_pages(tmp_path / "x.pdf")
    annex = next(p for p in pages if "Phụ lục I" in " ".join(w.text for w in p.words[:20]))
    assert annex.width > annex.height
    assert pages[0].width < pages[0].height
    assert "Cùng kỳ năm trước" in " ".join(pdf_text(tmp_path / "x.pdf", layout=False).split())


# ------------------------------------------------------------------------------ writing

def test_progress_reaches_100(tmp_path: Path) -> None:
    seen: list[int] = []
    write_pdf(sample_context(), tmp_path / "x.pdf", progress=seen.append)
    assert seen[0] == 0 and seen[-1] == 100
    assert all(0 <= value <= 100 for value in seen)


def test_a_failed_export_leaves_the_old_file_untouched(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("layout exploded")

    monkeypatch.setattr(pdf_report, "render_pdf", broken)
    with pytest.raises(KnownError, match=r"bao-cao\.pdf"):
        write_pdf(sample_context(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.pdf"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=r"x\.pdf"):
        write_pdf(sample_context(), tmp_path / "no-such-folder" / "x.pdf")


def test_status_submitted_has_no_watermark(tmp_path: Path) -> None:
    context = sample_context(status=ReportStatus.SUBMITTED)
    write_pdf(context, tmp_path / "x.pdf")
    assert all(_watermark(page) == "" for page in pdf_pages(tmp_path / "x.pdf"))


def test_each_footnote_is_at_the_foot_of_the_page_citing_it(tmp_path: Path) -> None:
    pages = write_pdf(long_context(), tmp_path / "long.pdf")
    assert pages >= 8
    cited_total = 0
    for page in pdf_pages(tmp_path / "long.pdf"):
        words = page.words
        # Body markers: a raised number right after "hoạch" (of "Kế hoạch").
        markers = set()
        for word in (w for w in words if w.text.startswith("hoạch") and w.x_min > 35 * MM):
            glued = re.fullmatch(r"hoạch(\d+)\W?", word.text)
            if glued:
                markers.add(int(glued[1]))
            markers |= {int(w.text.strip(",.;")) for w in words if w.text.strip(",.;").isdigit()
                        and abs(w.x_min - word.x_max) < 1 and w.y_min < word.y_min - 2
                        and abs(w.y_min - word.y_min) < 10}
        # Footnotes: a number at the left margin, at the foot of the page.
        notes = {int(w.text): w for w in words if w.text.isdigit() and w.y_max - w.y_min < 9
                 and abs(w.x_min - 30 * MM) < 1 and w.y_min > page.height / 2}
        assert set(notes) == markers, f"page {page.number}"
        cited_total += len(markers)
        if notes:
            top_of_notes = min(n.y_min for n in notes.values())
            # Body text is 14 pt (words about 12.7 pt high), footnotes 10 pt.
            body = [w for w in words if w.y_max - w.y_min > 10.5 and w.y_max > 20 * MM]
            footer = [w for w in words if w.y_min >= top_of_notes - 1]
            assert body, f"page {page.number}"
            # Nothing of the body runs into the footnotes, which stay above the bottom margin.
            assert max(w.y_max for w in body) < top_of_notes
            assert max(w.y_max for w in footer) <= page.height - 20 * MM + 0.5
    assert cited_total >= 15


def test_a_share_above_100_percent_is_marked_not_printed_as_a_figure(tmp_path: Path) -> None:
    report, template = load_sample()
    report.values["tthc.ra_soat.da_ra_soat"] = 50
    report.values["tthc.ra_soat.giu_nguyen"] = 102
    context = build_context(report, template)
    assert any(f.rule == "ty_le.vuot_100" for f in context.findings)
    write_pdf(context, tmp_path / "x.pdf")
    text = " ".join(pdf_text(tmp_path / "x.pdf", layout=False).split())
    assert "204,00% (!)" in text                       # the figures annex
    assert "102/50 thủ tục, đạt 204,00% (!)" in text    # the figures sentence of the section
    assert text.count("204,00%") == text.count("204,00% (!)") >= 2


def test_recipients_typed_in_the_decree_form_print_once(tmp_path: Path) -> None:
    # As a file from another tool or an older version may hold them: dashes, ";", a filing line.
    typed = ["- UBND tỉnh Đồng Tháp;", "- Sở Nội vụ tỉnh Đồng Tháp;", "UBND TỈNH ĐỒNG THÁP",
             "- Lưu: VT.", "- Lưu: VT."]
    path = tmp_path / "recipients.pdf"
    write_pdf(sample_context(recipients=typed), path)
    text = pdf_text(path, layout=False)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines.count("- UBND tỉnh Đồng Tháp;") == 1
    assert lines.count("- Sở Nội vụ tỉnh Đồng Tháp;") == 1
    assert lines.count("- Lưu: VT.") == 1
    assert "- -" not in text and "UBND TỈNH ĐỒNG THÁP;" not in text
