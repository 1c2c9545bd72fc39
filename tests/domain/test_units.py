"""Unit levels are data: today's two levels and the three levels before 07/2025."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.units import level_catalogue, parse_levels


def test_two_levels_since_july_2025() -> None:
    catalogue = level_catalogue()
    assert catalogue.levels_on(dt.date(2025, 7, 1)) == ("tinh", "xa")
    assert catalogue.can_consolidate("tinh", "xa", dt.date(2026, 3, 14))
    assert not catalogue.can_consolidate("huyen", "xa", dt.date(2026, 3, 14))


def test_three_levels_before() -> None:
    catalogue = level_catalogue()
    assert catalogue.levels_on(dt.date(2025, 6, 30)) == ("tinh", "huyen", "xa")
    assert catalogue.can_consolidate("huyen", "xa", dt.date(2020, 9, 14))
    assert catalogue.can_consolidate("tinh", "huyen", dt.date(2020, 9, 14))
    assert not catalogue.can_consolidate("tinh", "xa", dt.date(2020, 9, 14))


def test_level_labels() -> None:
    assert level_catalogue().label("xa") == "Cấp xã"
    assert [str(k) for k in level_catalogue().levels["xa"].kinds][:3] == ["Xã", "Phường", "Đặc khu"]


def test_a_structure_naming_an_unknown_level_is_refused() -> None:
    data = {"levels": {"tinh": {"label": "Cấp tỉnh"}},
            "structures": [{"id": "x", "label": "X", "chain": ["tinh", "thon"]}]}
    with pytest.raises(TemplateError, match="thon"):
        parse_levels(data)
