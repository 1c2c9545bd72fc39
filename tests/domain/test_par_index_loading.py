"""Reading a PAR-index criteria file: the shipped one, a good one of ours, broken ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from par_index_sets import ON_TIME, criteria_data, write_set

from cchc_desktop.domain.errors import CriteriaError
from cchc_desktop.domain.par_index import ScoringKind
from cchc_desktop.domain.par_index_loading import load_criteria_file, shipped_criteria_files
from cchc_desktop.reading import MAX_CRITERIA_BYTES, InputFileError


def refusal(tmp_path: Path, data: dict[str, Any]) -> str:
    with pytest.raises(CriteriaError) as caught:
        load_criteria_file(write_set(tmp_path, data))
    return caught.value.message


def test_the_shipped_set_cites_its_decision_and_says_it_has_no_points_yet() -> None:
    (path,) = shipped_criteria_files()
    criteria = load_criteria_file(path)
    assert criteria.decision.number == "2940/QĐ-UBND"
    assert criteria.province == "Thành phố Hà Nội" and criteria.level == "xa"
    assert len(criteria.fields) == 7
    assert not criteria.complete and "chưa" in criteria.note
    # nothing was found of the criteria and their points, so none are made up
    assert list(criteria.criteria()) == [] and criteria.maximum == 0


def test_a_complete_set_reads_into_its_tree(tmp_path: Path) -> None:
    criteria = load_criteria_file(write_set(tmp_path, criteria_data()))
    assert criteria.complete and criteria.decision.date is not None
    assert criteria.decision.date.isoformat() == "2026-01-15"
    assert [f.maximum for f in criteria.fields] == [6, 4] and criteria.maximum == 10
    plan = criteria.fields[0].criteria[1]
    assert [s.code for s in plan.leaves()] == ["1.2.1", "1.2.2"]
    assert plan.sub_criteria[0].max_points == Decimal("2.5")
    scale = plan.sub_criteria[0].scoring
    assert scale is not None and scale.kind is ScoringKind.SCALE
    assert [level.points for level in scale.levels] == [Decimal("2.5"), Decimal("1.25"), 0]
    computed = criteria.fields[1].criteria[0].scoring
    assert computed is not None and computed.source == ON_TIME
    # the bands are kept highest first whatever order the file gives them in
    assert [b.from_percent for b in computed.bands] == [100, 98, 95]


def test_an_unquoted_yaml_date_is_read_as_the_date(tmp_path: Path) -> None:
    path = write_set(tmp_path, criteria_data())
    path.write_text(path.read_text(encoding="utf-8").replace("'2026-01-15'", "2026-01-15"),
                    encoding="utf-8")
    assert "date: 2026-01-15\n" in path.read_text(encoding="utf-8")
    decision_date = load_criteria_file(path).decision.date
    assert decision_date is not None and decision_date.day == 15


def test_a_criterion_without_its_points_is_refused_naming_the_place(tmp_path: Path) -> None:
    data = criteria_data()
    del data["fields"][0]["criteria"][0]["max_points"]
    message = refusal(tmp_path, data)
    assert "max_points" in message and "điểm tối đa" in message
    assert "fields/0/criteria/0" in message and "thu-2026.yaml" in message


def test_sub_criteria_above_their_criterion_are_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][0]["criteria"][1]["sub_criteria"][1]["max_points"] = 2
    message = refusal(tmp_path, data)
    assert "1.2 cộng lại 4,5 điểm" in message and "(4 điểm)" in message


def test_criteria_above_their_field_are_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][1]["max_points"] = 3
    message = refusal(tmp_path, data)
    assert "lĩnh vực 2" in message and "quá điểm tối đa" in message


def test_an_unknown_indicator_code_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][1]["criteria"][0]["scoring"]["source"] = "tthc.hs.xa.khong_co"
    message = refusal(tmp_path, data)
    assert "tthc.hs.xa.khong_co" in message and "cchc-2021" in message


def test_a_computed_criterion_must_name_a_rate(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][1]["criteria"][0]["scoring"]["source"] = "cddh.kh.tong"
    assert "không phải một tỷ lệ" in refusal(tmp_path, data)


@pytest.mark.parametrize("where", ["criterion", "sub_criterion"])
def test_a_code_used_twice_is_refused(tmp_path: Path, where: str) -> None:
    data = criteria_data()
    if where == "criterion":
        data["fields"][1]["criteria"][0]["code"] = "1.1"
        clash = "1.1"
    else:
        data["fields"][0]["criteria"][1]["sub_criteria"][1]["code"] = "1.2.1"
        clash = "1.2.1"
    message = refusal(tmp_path, data)
    assert f"mã tiêu chí {clash} khai báo hai lần" in message


def test_a_field_code_used_twice_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][1]["code"] = "1"
    assert "lĩnh vực mã 1 khai báo hai lần" in refusal(tmp_path, data)


def test_a_complete_set_needs_every_field_scored(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"].append({"code": "3", "title": "Cải cách tổ chức bộ máy", "criteria": []})
    assert "lĩnh vực 3" in refusal(tmp_path, data)
    data["complete"] = False      # a set read only in part may say so and load
    assert len(load_criteria_file(write_set(tmp_path, data)).fields) == 3


def test_a_level_above_the_maximum_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][0]["criteria"][1]["sub_criteria"][0]["scoring"]["levels"][0]["points"] = 3
    message = refusal(tmp_path, data)
    assert "1.2.1 cho 3 điểm" in message and "(2,5 điểm)" in message


def test_a_band_above_the_maximum_or_twice_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][1]["criteria"][0]["scoring"]["bands"][0]["points"] = 5
    assert "2.1" in refusal(tmp_path, data)
    data = criteria_data()
    data["fields"][1]["criteria"][0]["scoring"]["bands"][0]["from_percent"] = 98
    assert "cùng bắt đầu từ 98%" in refusal(tmp_path, data)


def test_an_unknown_scoring_kind_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][0]["criteria"][0]["scoring"] = {"kind": "guess"}
    assert "fields/0/criteria/0" in refusal(tmp_path, data)


def test_a_criterion_with_both_scoring_and_sub_criteria_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["fields"][0]["criteria"][1]["scoring"] = {"kind": "yes_no"}
    assert "fields/0/criteria/1" in refusal(tmp_path, data)


def test_an_unknown_template_is_refused(tmp_path: Path) -> None:
    data = criteria_data()
    data["template"] = "cchc-1999"
    assert "cchc-1999" in refusal(tmp_path, data)


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hong.yaml"
    path.write_text("fields: [\n  - code: 1\n", encoding="utf-8")
    with pytest.raises(CriteriaError, match=r"Không đọc được bộ chỉ số CCHC hong\.yaml"):
        load_criteria_file(path)
    path.write_bytes(b"id: \xff\xfe")
    with pytest.raises(CriteriaError, match="Không đọc được"):
        load_criteria_file(path)


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "lon.yaml"
    path.write_bytes(b"# " + b"x" * MAX_CRITERIA_BYTES + b"\n")
    with pytest.raises(InputFileError, match="quá lớn"):
        load_criteria_file(path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="thư mục"):
        load_criteria_file(tmp_path)
