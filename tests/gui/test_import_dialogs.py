"""Tệp > Nhập kỳ trước in the window: read off the GUI thread, previewed, Cancel changes nothing,
Áp dụng carries the figures over and the open form shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_report, records, template
from PySide6.QtWidgets import QDialog, QMessageBox

from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog
from tests.gui.conftest import commune_unit
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import field, type_into

CARRIED = "tthc.hs.xa.ky_truoc"       # opening pending records, from last year's Năm report
COMPUTERS = "cds.may_tinh.tong"       # a stock carried from the previous report
ONLINE = "tthc.hs.xa.moi_truc_tuyen"  # a flow, never carried


def last_year_file(folder: Path, name: str = "nam-2025.json", **kwargs) -> Path:  # type: ignore[no-untyped-def]
    path = folder / name
    fields = {"values": records(pending=120, overdue_pending=3) | {COMPUTERS: 54}, "year": 2025,
              "kind": "Y", "texts": {"phuong_huong": "1. Số hóa hồ sơ.\n2. Khảo sát hài lòng."}}
    report = make_report(unit=commune_unit().unit, **(fields | kwargs))
    write_report(report, template(), path)
    return path


@pytest.fixture
def preview_answer(monkeypatch):  # type: ignore[no-untyped-def]
    """Answer the preview dialog with seen["answer"] after recording what it shows."""
    seen: dict[str, object] = {"answer": QDialog.DialogCode.Rejected, "use_texts": False}

    def exec_dialog(dialog: ImportPreviewDialog) -> int:
        seen["lines"] = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
        seen["texts_enabled"] = dialog.use_texts.isEnabled()
        seen["unmapped"] = dialog.unmapped.text() if not dialog.unmapped.isHidden() else ""
        dialog.use_texts.setChecked(bool(seen["use_texts"]))
        return int(seen["answer"].value)  # type: ignore[union-attr]

    monkeypatch.setattr(ImportPreviewDialog, "exec", exec_dialog)
    return seen


def choose(monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    answer_file_dialogs(monkeypatch, open=path)


def test_preview_lists_the_changes_and_cancel_changes_nothing(qtbot, window, new_report, store,
                                                              preview_answer, monkeypatch,
                                                              tmp_path) -> None:
    choose(monkeypatch, last_year_file(tmp_path))
    before = store.load_report(new_report.report_id)
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: "lines" in preview_answer, timeout=5000)
    qtbot.waitUntil(lambda: window.previous_importer.job is None, timeout=5000)
    lines = preview_answer["lines"]
    assert "Số hồ sơ kỳ trước chuyển qua (cấp xã): (trống) → 123 (Số cuối kỳ báo cáo Năm 2025)" \
        in lines
    assert "Nhiệm vụ cần theo dõi: Khảo sát hài lòng." in lines
    assert preview_answer["texts_enabled"] is True
    assert store.load_report(new_report.report_id) == before
    assert window.session.value(CARRIED) is None


def test_apply_carries_over_and_the_window_shows_it(qtbot, window, new_report, store,
                                                   preview_answer, monkeypatch, tmp_path) -> None:
    preview_answer.update(answer=QDialog.DialogCode.Accepted, use_texts=True)
    choose(monkeypatch, last_year_file(tmp_path))
    # Typed a moment before the import, still waiting in the autosave queue: it must survive.
    type_into(qtbot, field(window, ONLINE), "40")
    assert window.session.saver.pending
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: window.session is not None and window.session.value(CARRIED) == 123,
                    timeout=8000)
    report = store.load_report(new_report.report_id)
    assert report.values[CARRIED] == 123 and report.values[COMPUTERS] == 54
    assert report.values[ONLINE] == 40
    assert report.texts["phuong_huong"].startswith("1. Số hóa hồ sơ.")
    assert [t.text for t in report.tasks] == ["Số hóa hồ sơ.", "Khảo sát hài lòng."]
    assert field(window, CARRIED).edit.text() == "123"
    assert field(window, ONLINE).edit.text() == "40"


def test_draft_text_is_left_out_unless_ticked(qtbot, window, new_report, store, preview_answer,
                                              monkeypatch, tmp_path) -> None:
    preview_answer.update(answer=QDialog.DialogCode.Accepted, use_texts=False)
    choose(monkeypatch, last_year_file(tmp_path))
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: window.session is not None and window.session.value(CARRIED) == 123,
                    timeout=8000)
    assert "phuong_huong" not in store.load_report(new_report.report_id).texts


def test_a_file_of_the_wrong_period_is_refused_with_its_name(qtbot, window, new_report, store,
                                                             preview_answer, monkeypatch,
                                                             tmp_path) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    choose(monkeypatch, last_year_file(tmp_path, "quy-3.json", year=2025, kind="Q3"))
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "quy-3.json" in shown[0] and "Quý III năm 2025" in shown[0]
    assert "lines" not in preview_answer


def test_a_new_report_offers_the_carry_over_from_the_data_file(qtbot, window, commune, store,
                                                               preview_answer, monkeypatch) -> None:
    store.save_report(make_report(records(pending=70), unit=commune_unit().unit, year=2025,
                                  kind="Y"))
    preview_answer.update(answer=QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.start_page.refresh()
    window.start_page.buttons["Q1"].click()
    assert any("→ 70" in line for line in preview_answer["lines"])  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.session is not None and window.session.value(CARRIED) == 70,
                    timeout=8000)


def test_declining_the_offer_leaves_the_new_report_empty(qtbot, window, commune, store,
                                                         preview_answer, monkeypatch) -> None:
    store.save_report(make_report(records(pending=70), unit=commune_unit().unit, year=2025,
                                  kind="Y"))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.start_page.refresh()
    window.start_page.buttons["Q1"].click()
    assert "lines" in preview_answer
    assert window.previous_importer.job is None, "nothing is being applied"
    assert window.session.value(CARRIED) is None
    assert CARRIED not in store.load_report(window.session.report_id).values
