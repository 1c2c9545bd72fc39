"""workbook_parts: the app's workbook read as XML parts, without openpyxl and without a DTD.

A part with a DTD (entity bombs, external entities) is refused before any tree is built;
a member that does not decompress to what its directory says is a DamagedPart; parts are
parsed once per open archive.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.exchange.workbook_parts import (
    DATA_SHEET,
    MAIN,
    DamagedPart,
    DTDForbidden,
    member,
    parse_part,
    shared_strings,
    sheet_parts,
    xml_part,
)

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]><x>&secret;</x>"""
SHARED = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<si><t>X\xc3\xa3 A</t></si><si><r><t>Hai </t></r><r><t>ph\xe1\xba\xa7n</t></r></si>'
          b'<si><t/></si></sst>')


def _app_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "xa.xlsx"
    report = make_report(records(online=66, in_person=34, early=100))
    write_workbook(build_context(report, template()), path)
    return path


def _package(tmp_path: Path, parts: dict[str, bytes],
             compression: int = zipfile.ZIP_DEFLATED) -> Path:
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_part_without_dtd_is_parsed() -> None:
    root = parse_part(SHARED)
    assert root.tag == f"{MAIN}sst"
    assert len(list(root.iter(f"{MAIN}si"))) == 3


@pytest.mark.parametrize("data", [BOMB, EXTERNAL, b'<!DOCTYPE x SYSTEM "http://x/y.dtd"><x/>'])
def test_a_part_with_a_dtd_is_refused(data: bytes) -> None:
    with pytest.raises(DTDForbidden):
        parse_part(data)


def test_a_doctype_word_inside_the_document_is_only_text() -> None:
    root = parse_part(b"<x>&lt;!DOCTYPE x&gt; is text</x>")
    assert root.text == "<!DOCTYPE x> is text"


def test_broken_xml_is_an_error_of_the_parser_not_a_tree() -> None:
    with pytest.raises(Exception) as failed:
        parse_part(b"<x><y></x>")
    assert not isinstance(failed.value, DTDForbidden)


def test_a_member_whose_bytes_do_not_match_its_crc_is_a_damaged_part(tmp_path: Path) -> None:
    path = _package(tmp_path, {"xl/sharedStrings.xml": SHARED}, zipfile.ZIP_STORED)
    raw = bytearray(path.read_bytes())
    at = raw.index(b"X\xc3\xa3 A")
    raw[at] = ord("Y")                    # same length, another CRC
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as archive:
        with pytest.raises(DamagedPart) as damaged:
            member(archive, "xl/sharedStrings.xml")
        with pytest.raises(DamagedPart):
            xml_part(archive, "xl/sharedStrings.xml")
    assert damaged.value.part == "xl/sharedStrings.xml"
    refusal = damaged.value.refusal("xa.xlsx")
    assert isinstance(refusal, ReportError)
    assert str(refusal) == ("Tệp xa.xlsx bị hỏng (thành phần xl/sharedStrings.xml "
                            "sai mã kiểm tra).")


def test_a_part_is_parsed_once_while_its_archive_is_open(tmp_path: Path) -> None:
    path = _package(tmp_path, {"xl/sharedStrings.xml": SHARED})
    with zipfile.ZipFile(path) as archive:
        assert xml_part(archive, "xl/sharedStrings.xml") is xml_part(archive, "xl/sharedStrings.xml")
    with zipfile.ZipFile(path) as again:
        assert xml_part(again, "xl/sharedStrings.xml").tag == f"{MAIN}sst"


def test_shared_strings_join_their_runs_and_a_package_without_them_has_none(
        tmp_path: Path) -> None:
    with zipfile.ZipFile(_package(tmp_path, {"xl/sharedStrings.xml": SHARED})) as archive:
        assert shared_strings(archive) == ["Xã A", "Hai phần", ""]
    (tmp_path / "parts.xlsx").unlink()
    with zipfile.ZipFile(_package(tmp_path, {"xl/workbook.xml": b"<x/>"})) as archive:
        assert shared_strings(archive) == []


def test_sheet_parts_follow_relative_and_absolute_targets_and_skip_unknown_ids(
        tmp_path: Path) -> None:
    workbook = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                b'<sheets><sheet name="B\xc3\xa1o c\xc3\xa1o" r:id="rId1"/>'
                b'<sheet name="_cchc_data" r:id="rId2"/><sheet name="lost" r:id="rId9"/>'
                b'</sheets></workbook>')
    relations = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                 b'<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/>'
                 b'</Relationships>')
    path = _package(tmp_path, {"xl/workbook.xml": workbook,
                               "xl/_rels/workbook.xml.rels": relations})
    with zipfile.ZipFile(path) as archive:
        assert sheet_parts(archive) == {"Báo cáo": "xl/worksheets/sheet1.xml",
                                        "_cchc_data": "xl/worksheets/sheet2.xml"}


def test_the_apps_workbook_has_its_data_sheet_and_every_sheets_part(tmp_path: Path) -> None:
    path = _app_workbook(tmp_path)
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        assert DATA_SHEET in parts
        assert len(parts) >= 2
        for part in parts.values():
            assert part in archive.namelist()
            assert xml_part(archive, part).tag == f"{MAIN}worksheet"
