"""F1 on a figure's field says what the indicator is and how it is counted; elsewhere F1 opens
the guide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.domain.indicator_help import indicator_help
from cchc_desktop.domain.template import shipped_templates
from tests.gui.helpers import field


def test_every_typed_figure_of_the_current_template_is_explained_in_both_languages() -> None:
    template = shipped_templates().default()
    typed = [indicator for indicator in template.indicators.values() if not indicator.derived]
    assert len(typed) > 100, "the current template's typed figures, every level's row counted"
    unexplained = [indicator.code for indicator in typed
                   if not indicator.help.vi.strip() or not indicator.help.en.strip()
                   or indicator.help.vi == indicator.help.en or indicator.help.vi == indicator.label.vi]
    assert unexplained == []


def _f1_on(qtbot, window, code: str):  # type: ignore[no-untyped-def]
    widget = field(window, code)
    widget.edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: widget.edit.hasFocus(), timeout=2000)
    window.ui.act_guide.trigger()           # what F1 does
    box = window.field_help
    assert box is not None and box.isVisible()
    return box


@pytest.mark.parametrize("code", ["tthc.hs.xa.da_giai_quyet.qua_han", "tthc.niem_yet.xa.lien_thong",
                                  "cds.dvctt.toan_trinh", "tcbm.tinh_gian"])
def test_f1_shows_the_guidance_of_a_figure_in_a_table_or_a_list(qtbot, window,  # type: ignore[no-untyped-def]
                                                                 sample_report_id, code: str) -> None:
    window.open_report(sample_report_id)
    indicator = window.session.template.indicators[code]
    box = _f1_on(qtbot, window, code)
    assert box.text() == indicator.label.vi
    assert indicator.help.vi in box.informativeText()
    box.close()


def test_f1_on_a_typed_figure_shows_its_meaning_and_unit(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    box = _f1_on(qtbot, window, "cddh.kh.tong")
    assert box.text() == "Tổng số nhiệm vụ trong kế hoạch CCHC năm"
    assert "Đơn vị tính: nhiệm vụ" in box.informativeText()
    assert "Số nhiệm vụ ghi trong Kế hoạch CCHC năm đã ban hành." in box.informativeText()
    assert "Nhập trực tiếp." in box.informativeText()
    assert window.guide is None, "F1 on a field does not open the guide"
    box.close()


def test_f1_elsewhere_opens_the_guide(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    window.setFocus()
    window.ui.act_guide.trigger()
    assert window.guide is not None and window.guide.isVisible()
    window.guide.close()


def test_a_rate_is_explained_by_what_it_divides() -> None:
    template = shipped_templates().get("cchc-2021@1")
    rate = next(i for i in template.rates() if i.numerator and i.denominator)
    lines = indicator_help(template, rate)
    numerator = str(template.indicators[rate.numerator[0]].label)
    denominator = str(template.indicators[rate.denominator[0]].label)
    assert any(numerator in line and denominator in line and "chia cho" in line for line in lines)
    assert "Nhập trực tiếp." not in lines
