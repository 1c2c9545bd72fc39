"""par-index on the command line: a real process, the shipped set, our own set, a real report."""

from __future__ import annotations

import json
from pathlib import Path

from par_index_sets import ON_TIME, criteria_data, write_set
from test_cli import cli

from cchc_desktop.domain.par_index_loading import shipped_criteria_files


def test_the_shipped_set_prints_its_decision_and_says_it_is_partial() -> None:
    (path,) = shipped_criteria_files()
    result = cli("par-index", path)
    assert result.returncode == 0, result.stderr
    assert "Quyết định số 2940/QĐ-UBND" in result.stdout
    assert "CHƯA ĐẦY ĐỦ" in result.stdout and "(chưa có tiêu chí)" in result.stdout
    assert "7. Tác động đến phát triển kinh tế - xã hội: 0/0 điểm" in result.stdout


def test_a_report_fills_the_computed_criteria_with_their_source(
        tmp_path: Path, sample_path: Path) -> None:
    result = cli("par-index", write_set(tmp_path, criteria_data()), "--report", sample_path)
    assert result.returncode == 0, result.stderr
    # the sample's on-time rate is 1.421/1.428 = 99,51%: from 98% up, 3 points
    assert "2.1 Tỷ lệ hồ sơ giải quyết đúng hạn: 3/4 điểm" in result.stdout
    assert f"nguồn: {ON_TIME}, Quý I năm 2026: 99,51%" in result.stdout
    assert "Tổng: 3/10 điểm (30,00%)" in result.stdout
    assert "chưa có tài liệu kiểm chứng: 2.1" in result.stdout


def test_the_json_output_carries_points_and_sources(tmp_path: Path, sample_path: Path) -> None:
    result = cli("par-index", write_set(tmp_path, criteria_data()), "--report", sample_path,
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    computed = data["fields"][1]["criteria"][0]
    assert computed["points"] == "3"
    assert computed["source"] == {"indicator": ON_TIME, "period": "2026-Q1", "value": "99.51"}
    assert data["fields"][0]["criteria"][1]["sub_criteria"][0]["code"] == "1.2.1"
    assert data["total"] == "3" and data["maximum"] == "10" and data["share"] == "30.00"
    assert data["unscored"] == ["1.1", "1.2.1", "1.2.2"]


def test_a_broken_file_is_refused_in_the_clerks_language(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][0]["criteria"][1]["sub_criteria"][0]["max_points"] = 3
    result = cli("par-index", write_set(tmp_path, data))
    assert result.returncode == 2
    assert "các tiêu chí thành phần của 1.2 cộng lại 4,5 điểm" in result.stderr
    assert result.stdout == ""
