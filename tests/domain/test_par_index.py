"""domain/par_index.py: a province's PAR-index criteria set as a tree of fields and criteria.

A scale criterion finds its level by code, a computed one gives the points of the highest
band its rate reaches (none: 0); the scored criteria are the leaves (a criterion itself or
its sub-criteria); a field's maximum is the stated one, else its criteria's sum, and the
set's the sum of its fields'. Beside tests/domain/test_par_index_loading.py (the files) and
tests/domain/test_par_index_scoring.py (scores of a self-assessment).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cchc_desktop.domain.par_index import (
    Band,
    CriteriaSet,
    Criterion,
    Decision,
    Field,
    Level,
    Scoring,
    ScoringKind,
)

D = Decimal
ONLINE = Scoring(ScoringKind.COMPUTED, source="tthc.hs.xa.ty_le_truc_tuyen",
                 bands=(Band(D(80), D("1.5")), Band(D(50), D(1)), Band(D(20), D("0.5"))))
SCALE = Scoring(ScoringKind.SCALE, levels=(Level("tot", "Tốt", D(2)), Level("dat", "Đạt", D(1)),
                                           Level("chua", "Chưa đạt", D(0))))
PLAN = Criterion("1.1", "Ban hành kế hoạch CCHC năm", D(1), True, Scoring(ScoringKind.YES_NO))
REPORTS = Criterion("1.2", "Thực hiện chế độ báo cáo", D("3.5"), sub_criteria=(
    Criterion("1.2.1", "Báo cáo đúng hạn", D(2), scoring=SCALE),
    Criterion("1.2.2", "Tỷ lệ hồ sơ trực tuyến", D("1.5"), scoring=ONLINE)))


def _set(first_max: Decimal | None) -> CriteriaSet:
    fields = (Field("1", "Công tác chỉ đạo, điều hành", first_max, (PLAN, REPORTS)),
              Field("2", "Cải cách thể chế", D(6), (Criterion("2.1", "Rà soát VBQPPL", D(6)),)))
    return CriteriaSet("dong-thap-2025", "Đồng Tháp",
                       Decision("1234/QĐ-UBND", "Ban hành Bộ chỉ số", dt.date(2025, 3, 14)),
                       2025, "xa", "cchc-2021", True, "", fields)


def test_bands_give_the_points_of_the_highest_band_reached() -> None:
    assert ONLINE.band_points(D("92.52")) == D("1.5")
    assert ONLINE.band_points(D(80)) == D("1.5")           # a threshold is inclusive
    assert ONLINE.band_points(D("79.99")) == D(1)
    assert ONLINE.band_points(D(20)) == D("0.5")
    assert ONLINE.band_points(D("19.99")) == D(0)
    assert Scoring(ScoringKind.COMPUTED).band_points(D(100)) == D(0)


def test_a_scale_finds_its_level_by_code() -> None:
    assert SCALE.level("dat") == Level("dat", "Đạt", D(1))
    assert SCALE.level("khong_co") is None
    assert Scoring(ScoringKind.YES_NO).level("tot") is None


def test_the_leaves_are_the_scored_criteria() -> None:
    assert [c.code for c in PLAN.leaves()] == ["1.1"]
    assert [c.code for c in REPORTS.leaves()] == ["1.2.1", "1.2.2"]
    criteria_set = _set(D(5))
    assert [c.code for c in criteria_set.criteria()] == ["1.1", "1.2", "2.1"]
    assert [c.code for c in criteria_set.leaves()] == ["1.1", "1.2.1", "1.2.2", "2.1"]


def test_maximums_are_stated_or_summed() -> None:
    assert _set(D(5)).fields[0].maximum == D(5)
    assert _set(D(5)).maximum == D(11)
    assert _set(None).fields[0].maximum == D("4.5")        # 1 + 3.5: the criteria's sum
    assert _set(None).maximum == D("10.5")
