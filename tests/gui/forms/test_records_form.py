"""A commune clerk fills the records group (Biểu 06/VPCP/KSTT) and sees the rates as they type."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from cchc_desktop.gui.forms.table_group import TableGroup
from tests.gui.helpers import field, fill, type_text

RECORDS = {
    "tthc.hs.xa.ky_truoc": "42",
    "tthc.hs.xa.moi_truc_tuyen": "1.204",
    "tthc.hs.xa.moi_truc_tiep": "311",
    "tthc.hs.xa.da_giai_quyet.truoc_han": "1120",
    "tthc.hs.xa.da_giai_quyet.dung_han": "301",
    "tthc.hs.xa.da_giai_quyet.qua_han": "7",
    "tthc.hs.xa.dang_giai_quyet.trong_han": "126",
    "tthc.hs.xa.dang_giai_quyet.qua_han": "1",
    "tthc.hs.xa.rut_tra_lai": "2",
}


def records_table(window) -> TableGroup:  # type: ignore[no-untyped-def]
    window.show_page("tthc")
    tables = [w for w in window.current_page().findChildren(TableGroup)
              if "Biểu 06" in w.title()]
    assert len(tables) == 1
    return tables[0]


def test_a_commune_sees_its_own_row_and_the_total_only(window, new_report) -> None:
    table = records_table(window)
    assert table.levels == ("xa",), "no district row after 07/2025, no province row for a commune"
    assert "tthc.hs.xa.moi_truc_tuyen" in table.fields
    # The total would repeat the commune's column: not shown, its codes lead to the commune's cells.
    assert table.fields["tthc.hs.tong.tiep_nhan"] is table.fields["tthc.hs.xa.tiep_nhan"]
    headers = [label.text() for label in table.findChildren(QLabel)
               if label.property("tone") == "column-header"]
    assert "Cấp xã" in headers and "Tổng cộng" not in headers
    assert not any(".huyen." in code or ".tinh." in code for code in table.fields)


def test_fill_the_records_and_see_the_on_time_rate(qtbot, window, new_report) -> None:
    fill(qtbot, window, RECORDS)
    table = records_table(window)
    assert table.fields["tthc.hs.xa.ty_le_dung_han"].text() == "99,51%\n1.421/1.428 hồ sơ"
    assert table.fields["tthc.hs.xa.tiep_nhan"].text() == "1.557"
    assert table.fields["tthc.hs.tong.ty_le_truc_tuyen"].text() == "79,47%\n1.204/1.515 hồ sơ"
    # Received = resolved + pending + withdrawn: nothing to report.
    assert not [f for f in window.session.context.findings if f.rule.startswith("tthc.hs.xa")]


def test_the_rate_follows_each_keystroke(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"tthc.hs.xa.da_giai_quyet.truoc_han": "3",
                         "tthc.hs.xa.da_giai_quyet.dung_han": "1",
                         "tthc.hs.xa.da_giai_quyet.qua_han": "4"})
    rate = records_table(window).fields["tthc.hs.xa.ty_le_dung_han"]
    assert rate.text() == "50,00%\n4/8 hồ sơ"
    type_text(field(window, "tthc.hs.xa.da_giai_quyet.dung_han").edit, "2")  # 1 -> 12
    assert rate.text() == "78,95%\n15/19 hồ sơ"


def test_numbers_are_shown_in_the_vietnamese_format_when_leaving_the_field(qtbot, window,
                                                                         new_report) -> None:
    widget = field(window, "tthc.hs.xa.moi_truc_tuyen")
    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tuyen": "22471"})
    widget.edit.editingFinished.emit()
    assert widget.edit.text() == "22.471"
    assert window.session.value("tthc.hs.xa.moi_truc_tuyen") == 22471


def test_list_groups_show_rates_beside_their_inputs(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "66", "cddh.kh.hoan_thanh": "43"})
    rate = window.current_page().fields["cddh.kh.ty_le_hoan_thanh"]
    assert rate.text() == "43/66 nhiệm vụ, đạt 65,15%"


def test_a_district_before_july_2025_fills_its_own_and_its_communes_rows(qtbot, store) -> None:
    from cchc_desktop.storage.repository import OwnUnit
    from tests.gui.conftest import make_window

    store.save_own_unit(OwnUnit("huyen-cao-lanh", "Ủy ban nhân dân huyện Cao Lãnh", "huyen"))
    report_id = store.create_report(2024, "Q3")
    window = make_window(qtbot, store)
    window.open_report(report_id)
    table = records_table(window)
    assert table.levels == ("huyen", "xa"), "three levels were in force in 2024; no province row"
    fill(qtbot, window, {"tthc.hs.huyen.moi_truc_tuyen": "100", "tthc.hs.xa.moi_truc_tuyen": "50"})
    assert table.fields["tthc.hs.tong.moi_truc_tuyen"].text() == "150"
    assert table.fields["tthc.hs.tong.moi_truc_tuyen"] is not table.fields["tthc.hs.xa.moi_truc_tuyen"]
    window.close()


def test_a_new_template_version_needs_no_code_change(qtbot, tmp_path) -> None:
    """A province adds a group to its template: the form shows it, fields and rules included."""
    from cchc_desktop.domain.template import TemplateRegistry
    from cchc_desktop.paths import templates_dir
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import ReportStore
    from tests.gui.conftest import commune_unit, make_window

    source = (templates_dir() / "cchc-2021" / "v1.yaml").read_text("utf-8")
    extra = """          - id: tc.hoi_nghi
            title: {vi: "Hội nghị đối thoại chính sách", en: "Policy dialogues"}
            indicators:
              - code: tc.hoi_nghi.ke_hoach
                label: {vi: "Số hội nghị theo kế hoạch", en: "Planned"}
                unit: {vi: "hội nghị", en: "meetings"}
                kind: count
                flow: flow
              - code: tc.hoi_nghi.da_to_chuc
                label: {vi: "Số hội nghị đã tổ chức", en: "Held"}
                unit: {vi: "hội nghị", en: "meetings"}
                kind: count
                flow: flow
              - code: tc.hoi_nghi.ty_le
                label: {vi: "Tỷ lệ hội nghị đã tổ chức", en: "Share held"}
                unit: "%"
                kind: rate
                numerator: [tc.hoi_nghi.da_to_chuc]
                denominator: [tc.hoi_nghi.ke_hoach]
            rules:
              - id: tc.hoi_nghi.khong_vuot
                kind: le
                left: tc.hoi_nghi.da_to_chuc
                right: tc.hoi_nghi.ke_hoach
                severity: warning
"""
    anchor = "          - id: tc.pbgdpl\n"
    assert anchor in source
    folder = tmp_path / "templates" / "cchc-2021"
    folder.mkdir(parents=True)
    (folder / "v2.yaml").write_text(source.replace("version: 1", "version: 2", 1)
                                    .replace(anchor, extra + anchor), "utf-8")
    database = Database.open(tmp_path / "province.sqlite3")
    store = ReportStore(database, registry=TemplateRegistry(tmp_path / "templates"))
    store.save_own_unit(commune_unit())
    window = make_window(qtbot, store)
    window.open_report(store.create_report(2026, "Q1"))
    fill(qtbot, window, {"tc.hoi_nghi.ke_hoach": "4", "tc.hoi_nghi.da_to_chuc": "3"})
    assert window.current_page().fields["tc.hoi_nghi.ty_le"].text() == "3/4 hội nghị, đạt 75,00%"
    fill(qtbot, window, {"tc.hoi_nghi.da_to_chuc": "5"})
    assert [f.rule for f in window.session.context.findings] == ["tc.hoi_nghi.khong_vuot"]
    window.close()
    database.close()
