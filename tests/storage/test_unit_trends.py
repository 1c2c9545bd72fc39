"""The store collects a unit's reports for its trend chart; other units' stay out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from factories import trend_reports

from cchc_desktop.domain.trends import trend_chart
from cchc_desktop.domain.units import Unit
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


def test_trend_of_a_unit_is_read_from_the_data_file(data_file: Path) -> None:
    store = ReportStore(Database.open(data_file))
    for report in trend_reports():
        store.save_report(report)
    other = Unit("xa-khac", "Ủy ban nhân dân xã Khác", "xa", "Ủy ban nhân dân tỉnh Thử")
    for report in trend_reports(unit=other)[:1]:
        report.values = {code: Decimal(0) for code in report.values}
        store.save_report(report)
    reports = store.unit_reports("xa-thu")
    assert len(reports) == 4
    chart = trend_chart(reports, store.registry.get)
    on_time = chart.series[0]
    assert [p.value for p in on_time.points] == [Decimal("50.00"), Decimal("75.00"),
                                                Decimal("90.00"), Decimal("95.00")]
    assert len(store.unit_reports("xa-khac")) == 1
    store.database.close()
