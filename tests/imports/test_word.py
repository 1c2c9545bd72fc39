"""imports/word.py: last period's Word report read into a proposal, nothing changed.

The module promises the header (issuer, "Số: …", "…, ngày … tháng … năm …", signer,
recipients) read from the first lines or the header table, headings matched to the
template's sections by their words, footnotes kept, figures proposed only for entered
indicators in Vietnamese number formats, the unit's level told by its name, and a hostile
.docx refused with an InputFileError in Vietnamese before or while it is read.

Beside tests/test_word_import.py (a whole report, a corrupt file, a merged table and a
.VnTime run), tests/imports/test_word_figures.py (dates, words before and after a number,
levels) and test_word_recognition_data.py (the recognition corpus).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from factories import template

from cchc_desktop.domain.rich_text import Footnote, Paragraph
from cchc_desktop.imports.word import (
    figures_in,
    fold,
    level_of,
    match_section,
    read_header,
    read_word_report,
)
from cchc_desktop.reading import InputFileError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, *lines: str) -> Path:
    """A .docx of `lines`; a line starting "# " is a bold heading."""
    document = docx.Document()
    for line in lines:
        if line.startswith("# "):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _with_footnotes(source: Path, target: Path, footnotes: bytes, *, reference: str = "") -> Path:
    """`source` with a footnotes part (and a reference to note `reference` in its last run)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            elif info.filename == "word/document.xml" and reference:
                head, tail = data.rsplit(b"</w:r>", 1)
                data = head + (f'</w:r><w:r><w:footnoteReference w:id="{reference}"/>'
                               ).encode() + b"</w:r>" + tail
            new.writestr(info, data)
        new.writestr("word/footnotes.xml", footnotes)
    target.write_bytes(out.getvalue())
    return target


def _footnotes(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:footnotes xmlns:w="{W_NS}">'
            f"{body}</w:footnotes>").encode()


def test_fold_and_the_level_a_units_name_says() -> None:
    assert fold("1. Công tác CHỈ ĐẠO, điều hành!") == "1 cong tac chi dao dieu hanh"
    assert level_of("Sở Nội vụ thành phố Cần Thơ") == "tinh"         # the first word found counts
    assert level_of("UỶ BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ") == "xa"
    assert level_of("Ủy ban nhân dân thị xã Tân Châu") == "huyen"
    assert level_of("Ủy ban nhân dân đặc khu Phú Quốc") == "xa"
    assert level_of("Văn phòng Chính phủ") is None


def test_the_header_is_read_from_its_lines_in_vietnamese_forms() -> None:
    header = read_header(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                          "ỦY BAN NHÂN DÂN XÃ MỸ AN", "Số: 12 / BC-UBND",
                          "Mỹ An, ngày 5 tháng 1 năm 2026", "BÁO CÁO"])
    assert (header.issuer, header.number_symbol) == ("ỦY BAN NHÂN DÂN XÃ MỸ AN", "12/BC-UBND")
    assert (header.place, header.date) == ("Mỹ An", "2026-01-05")
    assert (header.signer_title, header.signer_name, header.recipients) == ("", "", ())
    signed = read_header(["Nơi nhận:", "- UBND tỉnh;", "+ Sở Nội vụ;", "- Lưu: VT.", "KT. CHỦ TỊCH"])
    assert signed.recipients == ("UBND tỉnh", "Sở Nội vụ", "Lưu: VT")
    assert (signed.signer_title, signed.signer_name) == ("KT. CHỦ TỊCH", "")


def test_a_heading_matches_the_section_whose_title_words_it_holds() -> None:
    shipped = template()
    assert match_section("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", shipped) == "cddh"
    assert match_section("3. Về cải cách thủ tục hành chính", shipped) == "tthc"
    assert match_section("a) Phương hướng, nhiệm vụ kỳ tới", shipped) == "phuong_huong"
    assert match_section("II. Danh sách đại biểu dự họp", shipped) is None
    assert match_section("", shipped) is None


def test_figures_in_vietnamese_formats_and_never_a_computed_rate() -> None:
    found = figures_in("Đang giải quyết trong hạn 1.234 hồ sơ; hồ sơ kỳ trước chuyển qua là 05.",
                       template(), "xa")
    assert [(p.code, p.value) for p in found] == [
        ("tthc.hs.xa.dang_giai_quyet.trong_han", "1234"), ("tthc.hs.xa.ky_truoc", "05")]
    assert found[0].sentence == "Đang giải quyết trong hạn 1.234 hồ sơ;"
    # The rate is the app's to compute from the records: the report's 92,52% is not proposed.
    assert figures_in("Tỷ lệ giải quyết đúng hạn đạt 92,52%.", template(), "xa") == []


def test_the_header_table_footnotes_and_the_issuers_level_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "UBND PHƯỜNG AN HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(1, 0).text, table.cell(1, 1).text = "Số: 7/BC-UBND", "An Hòa, ngày 14 tháng 9 năm 2023"
    document.add_paragraph().add_run("1. Cải cách thủ tục hành chính").bold = True
    document.add_paragraph("Đang giải quyết trong hạn 1.234 hồ sơ.")
    plain = tmp_path / "bang.docx"
    document.save(str(plain))
    path = _with_footnotes(plain, tmp_path / "chu-thich.docx", _footnotes(
        '<w:footnote w:id="1"><w:p><w:r><w:t>Số liệu đến ngày 14/9/2023.</w:t></w:r></w:p>'
        "</w:footnote>"), reference="1")
    proposal = read_word_report(path, template())
    assert (proposal.header.issuer, proposal.header.number_symbol, proposal.header.date) == (
        "UBND PHƯỜNG AN HÒA", "7/BC-UBND", "2023-09-14")
    [section] = proposal.sections
    assert (section.heading, section.section_id) == ("1. Cải cách thủ tục hành chính", "tthc")
    [paragraph] = section.narrative.blocks
    assert isinstance(paragraph, Paragraph)
    assert Footnote("Số liệu đến ngày 14/9/2023.") in paragraph.content
    # Its level is the issuer's (a ward: xa), so the figure goes to the commune-level code.
    assert [(f.code, f.value) for f in proposal.figures] == [
        ("tthc.hs.xa.dang_giai_quyet.trong_han", "1234")]


def test_a_document_without_headings_proposes_nothing_but_its_header(tmp_path: Path) -> None:
    path = _docx(tmp_path / "thu.docx", "UBND XÃ MỸ AN", "Đã hoàn thành 42 nhiệm vụ.")
    proposal = read_word_report(path, template())
    assert (proposal.sections, proposal.figures) == ([], [])
    assert proposal.header.issuer == "UBND XÃ MỸ AN"


def _zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("content", "message"), [
    (_zip_of({"a.txt": b"x"}), "Tệp bao-cao.docx không phải tệp Word (.docx) đọc được: "),
    (_zip_of({"word/media/bom.bin": bytes(3 * 1024 * 1024)}),
     "Tệp bao-cao.docx khi giải nén quá lớn (3 MB): không phải tệp báo cáo bình thường, ứng dụng "
     "không mở."),
    (b"", "Tệp bao-cao.docx không phải tệp Word (.docx) đọc được: "),
], ids=["zip-without-word", "deflate-bomb", "empty"])
def test_a_hostile_docx_is_refused_in_vietnamese(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as refused:
        read_word_report(path, template())
    assert message in refused.value.message
    assert path.read_bytes() == content                         # the clerk's file untouched


@pytest.mark.parametrize("footnotes", [
    _footnotes('<w:footnote w:id="1"><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:footnote>',
               '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'),
    b"<w:footnotes><w:footnote",
], ids=["entity-expansion", "broken-xml"])
def test_a_hostile_footnotes_part_is_refused_in_vietnamese(tmp_path: Path, footnotes: bytes) -> None:
    plain = _docx(tmp_path / "goc.docx", "# 1. Cải cách thủ tục hành chính", "Nội dung.")
    path = _with_footnotes(plain, tmp_path / "chu-thich.docx", footnotes)
    with pytest.raises(InputFileError) as refused:
        read_word_report(path, template())
    assert refused.value.message.startswith(
        "Tệp chu-thich.docx không phải tệp Word (.docx) đọc được: word/footnotes.xml (")


def _with_document_xml(source: Path, target: Path, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as new:
        for name in archive.namelist():
            data = archive.read(name)
            new.writestr(name, change(data) if name == "word/document.xml" else data)
    return target


LAUGHS = (b'<!DOCTYPE w:document [<!ENTITY a "ha ha ha ha ha ha ha ha ha ha">'
          + b"".join(b'<!ENTITY %c "%s">' % (98 + k, b"&%c;" % (97 + k) * 10) for k in range(8))
          + b"]>")


def test_an_entity_bomb_in_the_document_is_refused_in_vietnamese(tmp_path: Path) -> None:
    plain = _docx(tmp_path / "goc.docx", "# 1. Cải cách thủ tục hành chính", "THAY-O-DAY")
    path = _with_document_xml(plain, tmp_path / "bom.docx", lambda data: data.replace(
        b"?>", b"?>" + LAUGHS, 1).replace(b"THAY-O-DAY", b"&i;"))
    with pytest.raises(InputFileError) as refused:
        read_word_report(path, template())
    assert refused.value.message.startswith("Tệp bom.docx không phải tệp Word (.docx) đọc được: ")


def test_an_external_entity_is_never_read_into_the_proposal(tmp_path: Path) -> None:
    secret = tmp_path / "mat-khau.txt"
    secret.write_text("BI-MAT-CUA-MAY", encoding="utf-8")
    plain = _docx(tmp_path / "goc.docx", "# 1. Cải cách thủ tục hành chính", "THAY-O-DAY")
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode()
    path = _with_document_xml(plain, tmp_path / "ngoai.docx", lambda data: data.replace(
        b"?>", b"?>" + doctype, 1).replace(b"THAY-O-DAY", b"&x;"))
    proposal = read_word_report(path, template())
    assert [s.heading for s in proposal.sections] == ["1. Cải cách thủ tục hành chính"]
    assert "BI-MAT" not in proposal.sections[0].narrative.plain_text()
