"""A commune clerk fills the records group (Biểu 06/VPCP/KSTT) and sees the rates as they type."""

from __future__ import annotations

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
    assert "tthc.hs.tong.tiep_nhan" in table.fields
    assert not any(".huyen." in code or ".tinh." in code for code in table.fields)


def test_fill_the_records_and_see_the_on_time_rate(qtbot, window, new_report) -> None:
    fill(qtbot, window, RECORDS)
    table = records_table(window)
    assert table.fields["tthc.hs.xa.ty_le_dung_han"].text() == "1.421/1.428 hồ sơ, đạt 99,51%"
    assert table.fields["tthc.hs.xa.tiep_nhan"].text() == "1.557"
    assert table.fields["tthc.hs.tong.ty_le_truc_tuyen"].text() == "1.204/1.515 hồ sơ, đạt 79,47%"
    # Received = resolved + pending + withdrawn: nothing to report.
    assert not [f for f in window.session.context.findings if f.rule.startswith("tthc.hs.xa")]


def test_the_rate_follows_each_keystroke(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"tthc.hs.xa.da_giai_quyet.truoc_han": "3",
                         "tthc.hs.xa.da_giai_quyet.dung_han": "1",
                         "tthc.hs.xa.da_giai_quyet.qua_han": "4"})
    rate = records_table(window).fields["tthc.hs.xa.ty_le_dung_han"]
    assert rate.text() == "4/8 hồ sơ, đạt 50,00%"
    type_text(field(window, "tthc.hs.xa.da_giai_quyet.dung_han").edit, "2")  # 1 -> 12
    assert rate.text() == "15/19 hồ sơ, đạt 78,95%"


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
