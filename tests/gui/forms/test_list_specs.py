"""What the report's lists are, column by column (gui/forms/list_specs.py): a row's cells read
from an item and made back into one, and the date column's check, without a window."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.report import IssuedDocument, Proposal, Task, TaskOrigin, TaskStatus
from cchc_desktop.gui.forms.list_specs import DOCUMENTS, PROPOSALS, TASKS, ListSpec


@pytest.mark.parametrize(("spec", "item", "section"), [
    (TASKS, Task("Rà soát thủ tục", TaskStatus.DONE, TaskOrigin.PREVIOUS), ""),
    (PROPOSALS, Proposal("UBND xã", "Sở Nội vụ", "Bổ sung biên chế"), ""),
    (DOCUMENTS, IssuedDocument("12/KH-UBND", dt.date(2026, 1, 6), "Kế hoạch CCHC", "I"), "I"),
])
def test_a_row_read_from_an_item_makes_the_same_item(spec: ListSpec, item: object, section: str) -> None:
    cells = [column.read(item) for column in spec.columns]
    assert spec.make(cells, section) == item


def test_the_document_date_is_read_the_vietnamese_way() -> None:
    cells = ["07/BC-UBND", "06/01/2026", "Báo cáo quý"]
    assert DOCUMENTS.make(cells, "II").date == dt.date(2026, 1, 6)
    assert DOCUMENTS.make(["07/BC-UBND", "", "Báo cáo quý"], "II").date is None


@pytest.mark.parametrize(("text", "reason"), [
    ("31/02/2026", "không có trong lịch"),
    ("2026-01-06", "phải viết dạng ngày/tháng/năm"),
])
def test_a_date_that_cannot_be_stored_is_refused_with_its_reason(text: str, reason: str) -> None:
    check = DOCUMENTS.columns[1].check
    assert check is not None
    with pytest.raises(ValueError, match=reason):
        check(text)
    with pytest.raises(ValueError, match=reason):
        DOCUMENTS.make(["07/BC-UBND", text, "Báo cáo quý"], "II")


def test_only_tasks_carry_evidence_and_choices_are_offered_by_their_labels() -> None:
    assert TASKS.evidence is TargetKind.TASK
    assert PROPOSALS.evidence is None and DOCUMENTS.evidence is None
    status, origin = TASKS.columns[1].choices, TASKS.columns[2].choices
    assert status is not None and origin is not None
    assert [value for value, _label in status()] == [s.value for s in TaskStatus]
    assert dict(origin())[TaskOrigin.PREVIOUS.value] == "Kỳ trước chuyển sang"
    assert TASKS.blank("") == Task("")
