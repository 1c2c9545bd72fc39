"""An error is marked on the fields of the figures it names, and the mark goes when it does."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.template import Severity
from cchc_desktop.gui.forms.derived import DerivedLabel
from cchc_desktop.gui.forms.number_field import NumberField
from tests.gui.forms.test_records_form import records_table
from tests.gui.helpers import field, fill, type_into


def _errors(window, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in window.session.context.findings
            if f.rule == rule and f.severity is Severity.ERROR]


def test_more_records_resolved_than_received_marks_the_figures_typed_not_an_empty_one(
        qtbot, window, new_report) -> None:  # type: ignore[no-untyped-def]
    # The rule lists "Rút hồ sơ" as the one typed part of its sum; the clerk left it empty and
    # typed the records received and resolved: those are at fault, and double-click leads there.
    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tuyen": "10", "tthc.hs.xa.da_giai_quyet.truoc_han": "13"})
    [finding] = _errors(window, "tthc.hs.xa.tiep_nhan_bang_ket_qua")
    text = finding_text(finding)
    fields = records_table(window).fields
    received, resolved = fields["tthc.hs.xa.tiep_nhan"], fields["tthc.hs.xa.da_giai_quyet"]
    online, early = fields["tthc.hs.xa.moi_truc_tuyen"], fields["tthc.hs.xa.da_giai_quyet.truoc_han"]
    withdrawn = fields["tthc.hs.xa.rut_tra_lai"]
    pending = fields["tthc.hs.xa.dang_giai_quyet.trong_han"]
    assert isinstance(received, DerivedLabel) and isinstance(withdrawn, NumberField)
    for total in (received, resolved):
        assert total.property("tone") == "error-strong"
        assert text in total.toolTip()
    for typed in (online, early):
        assert isinstance(typed, NumberField)
        assert typed.edit.property("invalid") == "true", typed.indicator.code
        assert typed.edit.toolTip().startswith(text)
    # Empty figures the rule involves, and a figure it does not, keep their look.
    for other in (withdrawn, pending, fields["tthc.hs.xa.moi_truc_tiep"]):
        assert isinstance(other, NumberField)
        assert other.edit.property("invalid") != "true", other.indicator.code
        assert other.edit.toolTip() == other.usual_tooltip
    window.findings.list.setCurrentRow(0)
    window.report_pages.jump_to(finding)
    assert online.edit.hasFocus() or QApplication.focusWidget() is online.edit

    type_into(qtbot, field(window, "tthc.hs.xa.moi_truc_tuyen"), "13")   # now they agree
    assert not _errors(window, "tthc.hs.xa.tiep_nhan_bang_ket_qua")
    assert received.property("tone") == "computed"
    assert "Tính tự động" in received.toolTip() and text not in received.toolTip()
    for typed in (online, early):
        assert typed.edit.property("invalid") == "false"
        assert typed.edit.toolTip() == typed.usual_tooltip


def test_a_share_above_100_percent_marks_the_figures_it_divides(qtbot, window, new_report) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tuyen": "10", "tthc.hs.xa.moi_truc_tiep": "2",
                         "tthc.hs.xa.da_giai_quyet.truoc_han": "13"})
    fields = records_table(window).fields
    rate = fields["tthc.hs.xa.ty_le_da_giai_quyet"]
    assert rate.property("tone") == "error-strong"
    for code in ("tthc.hs.xa.moi_truc_tuyen", "tthc.hs.xa.moi_truc_tiep",
                 "tthc.hs.xa.da_giai_quyet.truoc_han"):
        assert fields[code].edit.property("invalid") == "true", code
    assert fields["tthc.hs.xa.da_giai_quyet.dung_han"].edit.property("invalid") != "true"


def test_a_total_that_differs_from_its_parts_marks_every_field_typed(qtbot, window,
                                                                     new_report) -> None:
    codes = ("cddh.kh.tong", "cddh.kh.hoan_thanh", "cddh.kh.dang_thuc_hien", "cddh.kh.chua_thuc_hien")
    fill(qtbot, window, dict(zip(codes, ("70", "42", "20", "4"), strict=True)))
    [finding] = [f for f in window.session.context.findings if f.severity is Severity.ERROR]
    widgets = [field(window, code) for code in codes]
    for widget in widgets:
        assert widget.edit.property("invalid") == "true", widget.indicator.code
        assert finding_text(finding) in widget.edit.toolTip()
        assert not widget.message.isVisible(), "the reason under a field is for refused texts"

    type_into(qtbot, widgets[0], "71")   # still wrong: the sentence follows the figures
    assert "(71)" in widgets[1].edit.toolTip()
    type_into(qtbot, widgets[0], "66")
    for widget in widgets:
        assert widget.edit.property("invalid") == "false"
        assert widget.edit.toolTip() == widget.usual_tooltip


def test_a_refused_text_stays_marked_when_the_finding_goes(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "70", "cddh.kh.hoan_thanh": "42"})
    total, done = field(window, "cddh.kh.tong"), field(window, "cddh.kh.hoan_thanh")
    assert done.edit.property("invalid") == "true"
    type_into(qtbot, done, "4x")         # refused: the figure goes back to 42
    type_into(qtbot, total, "42")        # the finding goes, the refused text is still there
    assert not [f for f in window.session.context.findings if f.severity is Severity.ERROR]
    assert total.edit.property("invalid") == "false"
    assert done.edit.property("invalid") == "true" and done.message.isVisible()
