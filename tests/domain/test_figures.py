"""Every rate of the current template on a hand-made commune report.

The expected rates were worked out by hand from the sample's figures (a calculator,
not this code), so a wrong formula in the template or a rounding slip shows here.
"""

from __future__ import annotations

from decimal import Decimal

from factories import make_report, records, sample_report, template

from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.formatting import format_rate_with_fraction

# rate code -> "numerator/denominator, đạt rate" as a clerk would write it
EXPECTED = {
    "cddh.kh.ty_le_hoan_thanh": "42/66, đạt 63,64%",
    "cddh.giao.ty_le_dung_han": "10/12, đạt 83,33%",
    "cddh.kiem_tra.ty_le": "3/6, đạt 50,00%",
    "tthc.ra_soat.ty_le_ra_soat": "13/312, đạt 4,17%",
    "tthc.ra_soat.ty_le_bai_bo": "0/13, đạt 0,00%",
    "tthc.ra_soat.ty_le_don_gian_hoa": "10/13, đạt 76,92%",
    "tthc.ra_soat.ty_le_giu_nguyen": "3/13, đạt 23,08%",
    "tthc.hs.xa.ty_le_dung_han": "1.421/1.428, đạt 99,51%",
    "tthc.hs.xa.ty_le_truc_tuyen": "1.204/1.515, đạt 79,47%",
    "tthc.hs.xa.ty_le_da_giai_quyet": "1.428/1.557, đạt 91,71%",
    "tthc.hs.tong.ty_le_dung_han": "1.421/1.428, đạt 99,51%",
    "tthc.so_hoa.ty_le": "1.302/1.428, đạt 91,18%",
    "tthc.pakn.ty_le": "8/8, đạt 100,00%",
    "tcbm.bien_che.cong_chuc.ty_le": "43/45, đạt 95,56%",
    "tcbm.bien_che.vien_chuc.ty_le": "31/30, đạt 103,33%",
    "cv.vi_tri_viec_lam.ty_le": "7/7, đạt 100,00%",
    "tcc.thu_nsnn.ty_le": "3.120,75/12.450,5, đạt 25,07%",
    "tcc.dtc.ty_le": "2.987,455/15.400, đạt 19,40%",
    "tcc.kiem_toan.ty_le": "5/6, đạt 83,33%",
    "cds.may_tinh.ty_le_diet_virus": "54/54, đạt 100,00%",
    "cds.may_tinh.ty_le_mat_khau": "51/54, đạt 94,44%",
    "cds.van_ban.ty_le_dien_tu": "1.843/1.860, đạt 99,09%",
    "cds.van_ban.ty_le_ky_so": "1.794/1.860, đạt 96,45%",
    "cds.hs_truc_tuyen.ty_le": "1.204/1.515, đạt 79,47%",
    "cds.thanh_toan.ty_le": "402/640, đạt 62,81%",
    "cds.attt.ty_le": "1/2, đạt 50,00%",
}


def test_every_rate_of_the_sample_report() -> None:
    report = sample_report()
    figures = compute_figures(template(), report.values, report.precision)
    computed = {code: format_rate_with_fraction(figures.rates[code]) for code in EXPECTED}
    assert computed == EXPECTED


def test_every_rate_pattern_of_the_template_is_covered_here() -> None:
    patterns = {ind.pattern for ind in template().rates()}
    covered = {template().indicators[code].pattern for code in EXPECTED}
    assert patterns == covered


def test_records_received_is_the_sum_of_carried_over_and_new() -> None:
    report = make_report(records(carried=42, online=1204, in_person=311))
    figures = compute_figures(template(), report.values)
    assert figures.get("tthc.hs.xa.tiep_nhan") == Decimal(1557)


def test_not_entered_is_not_zero() -> None:
    figures = compute_figures(template(), {})
    assert figures.get("tthc.hs.xa.tiep_nhan") is None
    assert figures.rates["tthc.hs.xa.ty_le_dung_han"].value is None


def test_unit_total_sums_the_levels() -> None:
    values = records("tinh", online=100, early=50, on_time=30, late=20)
    values |= records("xa", online=300, early=200, on_time=60, late=40)
    figures = compute_figures(template(), make_report(values).values)
    assert figures.get("tthc.hs.tong.moi_truc_tuyen") == Decimal(400)
    # (50 + 30 + 200 + 60) / (100 + 300) resolved = 340/400, not the mean of 80% and 86,67%.
    assert figures.get("tthc.hs.tong.ty_le_dung_han") == Decimal("85.00")


def test_precision_setting_rounds_every_rate() -> None:
    report = sample_report()
    figures = compute_figures(template(), report.values, precision=0)
    assert figures.get("cddh.kh.ty_le_hoan_thanh") == Decimal(64)
