"""The superior unit's report sums its units' own figures by key; a rate is computed again
from the sums, never averaged; a unit without the key adds nothing to it."""

from __future__ import annotations

from decimal import Decimal

from factories import make_report, template

from cchc_desktop.domain.consolidation import Submission, consolidate
from cchc_desktop.domain.extra_figures import ExtraFigure, rate_value
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.units import Unit

DISTRICT = Unit("pnv-thu", "Phòng Nội vụ huyện Thử", "huyen", "Ủy ban nhân dân huyện Thử")
Q3 = Period.default(2026, "Q3")
RATE = ExtraFigure("cv", "ccvc.nu.ty_le", "Tỷ lệ cán bộ, công chức nữ", "%", None,
                   ("ccvc.nu", "ccvc.tong"))


def staff(total: int, women: int) -> list[ExtraFigure]:
    return [ExtraFigure("cv", "ccvc.tong", "Tổng số cán bộ, công chức", "người", Decimal(total)),
            ExtraFigure("cv", "ccvc.nu", "Số cán bộ, công chức nữ", "người", Decimal(women)), RATE]


def commune(code: str, figures: list[ExtraFigure]):  # type: ignore[no-untyped-def]
    return make_report(kind="Q3", unit=Unit(code, f"UBND xã {code}", "xa"), extra_figures=figures)


def _consolidated(*reports, own=None):  # type: ignore[no-untyped-def]
    result = consolidate(template(), [Submission(r, f"{r.unit.code}.json") for r in reports],
                         unit=DISTRICT, period=Q3, own=own)
    return result, {figure.key: figure for figure in result.report.extra_figures}


def test_three_units_sum_by_key_and_the_rate_comes_from_the_sums() -> None:
    a = commune("a", [*staff(20, 9), ExtraFigure("cds", "cqdt.thu_dien_tu",
                                                 "Số tài khoản thư điện tử", "tài khoản",
                                                 Decimal(18))])
    b = commune("b", staff(30, 21))
    c = commune("c", [ExtraFigure("cds", "cqdt.thu_dien_tu", "Tài khoản email công vụ",
                                  "tài khoản", Decimal("7.5"))])           # lacks the staff keys
    _result, figures = _consolidated(a, b, c)
    assert figures["ccvc.tong"].value == 50 and figures["ccvc.nu"].value == 30
    assert figures["cqdt.thu_dien_tu"].value == Decimal("25.5")
    assert figures["cqdt.thu_dien_tu"].label == "Số tài khoản thư điện tử"   # the first names it
    rate = figures["ccvc.nu.ty_le"]
    assert rate.value is None and rate.rate_of == ("ccvc.nu", "ccvc.tong")
    computed = rate_value(rate, figures.values())
    assert computed == 60                                 # 30/50, not the mean of 45% and 70%
    means = [rate_value(RATE, r.extra_figures) for r in (a, b)]
    assert computed != sum(m for m in means if m is not None) / 2
    assert [figure.key for figure in _result.report.extra_figures] == [
        "ccvc.tong", "ccvc.nu", "ccvc.nu.ty_le", "cqdt.thu_dien_tu"]


def test_the_superiors_own_figures_are_added_and_its_labels_name_the_keys() -> None:
    own = make_report(kind="Q3", unit=DISTRICT, extra_figures=[
        ExtraFigure("cv", "ccvc.tong", "Tổng số CBCC", "người", Decimal(12)),
        ExtraFigure("tcc", "own.quy", "Quỹ của phòng", "triệu đồng", Decimal(4))])
    _result, figures = _consolidated(commune("a", staff(20, 9)), commune("b", staff(30, 21)),
                                     own=own)
    assert figures["ccvc.tong"].value == 62 and figures["ccvc.tong"].label == "Tổng số CBCC"
    assert figures["own.quy"].value == 4
    assert rate_value(figures["ccvc.nu.ty_le"], figures.values()) == Decimal(30) * 100 / 62


def test_a_figure_in_a_section_the_template_lacks_is_named_not_summed() -> None:
    odd = commune("a", [*staff(20, 9), ExtraFigure("muc_khac", "own.x", "X", "", Decimal(1))])
    result, figures = _consolidated(odd, commune("b", staff(1, 1)))
    assert "own.x" not in figures
    assert result.dropped_codes == {"a.json": ["own.x"]}
