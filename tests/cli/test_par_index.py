"""cli/par_index.py promises a PAR-index criteria set's tree with its decision, its scores computed
from a report (with their source), as text or JSON, a self-assessment kept in a data file scored,
and the unit's self-assessment report written as PDF, workbook and package. The shipped set,
our own set, a real report; run in-process (tests/in_process_cli.py)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from documents.doc_helpers import pdf_text
from documents.test_par_report import DIFFICULTY, WHY, fill_assessment
from in_process_cli import cli
from openpyxl import load_workbook
from par_index_sets import ON_TIME, criteria_data, write_set

from cchc_desktop.domain.par_index_loading import load_criteria_file, shipped_criteria_files
from cchc_desktop.domain.par_index_scoring import ReportFigures, score_assessment
from cchc_desktop.exchange.json_format import read_report
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


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


def test_a_self_assessment_kept_in_the_data_file_is_scored(tmp_path: Path) -> None:
    import datetime as dt

    from reportlab.pdfgen import canvas

    from cchc_desktop.domain.evidence import EvidenceLink, EvidenceMeta, TargetKind
    from cchc_desktop.domain.par_index_loading import load_criteria_file
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.par_answers import par_context
    from cchc_desktop.storage.repository import ReportStore

    set_path = write_set(tmp_path, criteria_data())
    criteria = load_criteria_file(set_path)
    db = tmp_path / "du-lieu.sqlite3"
    store = ReportStore(Database.open(db))
    store.set_par_answer("xa-my-an", criteria, 2026, "1.1", True)
    store.set_par_answer("xa-my-an", criteria, 2026, "1.2.1", "du")
    pdf = canvas.Canvas(str(tmp_path / "kh.pdf"))
    pdf.drawString(72, 720, "20/KH-UBND")
    pdf.save()
    document = store.add_evidence("xa-my-an", EvidenceMeta("Kế hoạch CCHC", "20/KH-UBND",
                                                           dt.date(2026, 1, 6)), tmp_path / "kh.pdf")
    store.attach_evidence("xa-my-an", EvidenceLink(document.id, par_context(criteria.id, 2026),
                                                   TargetKind.CRITERION, "1.1"))
    store.database.close()
    result = cli("par-index", set_path, "--db", db, "--unit", "xa-my-an")
    assert result.returncode == 0, result.stderr
    assert "1.1 Ban hành kế hoạch CCHC năm: 2/2 điểm" in result.stdout
    assert "Tổng: 4,5/10 điểm (45,00%)" in result.stdout
    assert "chưa có tài liệu kiểm chứng: 1.2.1" in result.stdout
    missing = cli("par-index", set_path, "--db", db)
    assert missing.returncode == 2 and "--unit" in missing.stdout + missing.stderr


def test_the_self_assessment_report_is_written_as_pdf_and_workbook(
        tmp_path: Path, sample_path: Path) -> None:
    set_path = write_set(tmp_path, criteria_data())
    criteria = load_criteria_file(set_path)
    db = tmp_path / "du-lieu.sqlite3"
    store = ReportStore(Database.open(db))
    store.save_own_unit(OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa", place="Mỹ An",
                                signer_authority="TM. ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH",
                                signer_name="Nguyễn Văn An"))
    report, template = read_report(sample_path)
    store.save_report(report)
    fill_assessment(store, criteria, tmp_path)
    expected = score_assessment(criteria, store.par_scoring_answers("xa-my-an", criteria, 2026),
                                ReportFigures.of(report, template))
    store.database.close()
    pdf, xlsx = tmp_path / "bao-cao.pdf", tmp_path / "bang.xlsx"
    result = cli("par-index", set_path, "--db", db, "--unit", "xa-my-an", "--year", "2026",
                 "--report", sample_path, "--date", "2026-09-14", "--pdf", pdf, "--xlsx", xlsx)
    assert result.returncode == 0, result.stderr
    assert str(pdf) in result.stdout and str(xlsx) in result.stdout
    text = " ".join(pdf_text(pdf, layout=False).split())
    assert "Mỹ An, ngày 14 tháng 9 năm 2026" in text
    assert f"đạt {expected.share_text} so với điểm tối đa" in text
    assert WHY in text and DIFFICULTY in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text and "Nguyễn Văn An" in text
    assert "Sở Nội vụ tỉnh Đồng Tháp (b/c)" in text        # the newest report's recipients
    rows = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    valued = next(row for row in rows if row[1] == "Tổng điểm tự chấm (giá trị)")
    assert str(valued[3]).rstrip("0").rstrip(".") == str(expected.total).rstrip("0").rstrip(".")
    lonely = cli("par-index", set_path, "--pdf", tmp_path / "x.pdf")
    assert lonely.returncode == 2 and "--db" in lonely.stderr and not (tmp_path / "x.pdf").exists()


def test_the_package_holds_the_report_the_workbook_and_the_evidence_with_their_hashes(
        tmp_path: Path, sample_path: Path) -> None:
    set_path = write_set(tmp_path, criteria_data())
    criteria = load_criteria_file(set_path)
    db = tmp_path / "du-lieu.sqlite3"
    store = ReportStore(Database.open(db))
    store.save_report(read_report(sample_path)[0])
    fill_assessment(store, criteria, tmp_path)
    evidence = (tmp_path / "kh.pdf").read_bytes()
    store.database.close()
    out = tmp_path / "goi"
    result = cli("par-index", set_path, "--db", db, "--unit", "xa-my-an", "--package", out)
    assert result.returncode == 0, result.stderr
    folder = out / "BC-TDG-CCHC_xa-my-an_2026"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == "cchc-par-assessment" and manifest["year"] == 2026
    roles = {entry["role"]: entry for entry in manifest["files"]}
    assert set(roles) == {"report-pdf", "workbook", "evidence"}
    for entry in manifest["files"]:
        data = (folder / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
    assert (folder / roles["evidence"]["name"]).read_bytes() == evidence
    assert manifest["evidence"][0]["targets"] == [{"kind": "criterion", "key": "1.1"}]
    with zipfile.ZipFile(out / "BC-TDG-CCHC_xa-my-an_2026.zip") as archive:
        assert sorted(archive.namelist()) == sorted([e["name"] for e in manifest["files"]]
                                                    + ["manifest.json"])
    assert "Tổng điểm tự đánh giá" in pdf_text(folder / roles["report-pdf"]["name"], layout=False)
    same = cli("par-index", set_path, "--db", db, "--unit", "xa-my-an", "--pdf", db)
    assert same.returncode == 2 and db.read_bytes()[:16] == b"SQLite format 3\x00"  # untouched


def test_the_tree_without_answers_says_how_each_criterion_is_scored(tmp_path: Path) -> None:
    result = cli("par-index", write_set(tmp_path, criteria_data()))
    assert result.stdout.splitlines() == [
        "Bộ chỉ số CCHC thu-2026: Tỉnh Thử, năm 2026",
        "Quyết định số 1/QĐ-UBND ngày 15/01/2026: Quyết định phê duyệt Bộ chỉ số CCHC cấp xã "
        "(tệp thử)",
        "",
        "1. Công tác chỉ đạo, điều hành: 0/6 điểm",
        "  1.1 Ban hành kế hoạch CCHC năm: chưa chấm/2 điểm [có/không, cần tài liệu kiểm chứng]",
        "  1.2 Mức độ thực hiện kế hoạch: chưa chấm/4 điểm [tổng các tiêu chí thành phần]",
        "    1.2.1 Hoàn thành kế hoạch: chưa chấm/2,5 điểm [thang mức: Hoàn thành 100% = 2,5; "
        "Từ 80% đến dưới 100% = 1,25; Dưới 80% = 0, cần tài liệu kiểm chứng]",
        "    1.2.2 Báo cáo CCHC đúng hạn: chưa chấm/1,5 điểm [có/không]",
        "",
        "2. Cải cách thủ tục hành chính: 0/4 điểm",
        f"  2.1 Tỷ lệ hồ sơ giải quyết đúng hạn: chưa chấm/4 điểm [tính từ {ON_TIME} (từ 100%: 4; "
        "từ 98%: 3; từ 95%: 2), cần tài liệu kiểm chứng]",
        "",
        "Tổng: 0/10 điểm (0,00%)",
    ]


def test_writing_the_report_needs_the_data_file_and_the_unit(tmp_path: Path) -> None:
    criteria = write_set(tmp_path, criteria_data())
    db = tmp_path / "cchc.sqlite3"
    assert cli("par-index", criteria, "--pdf", tmp_path / "x.pdf").stderr == (
        "Cần --db và --unit để ghi báo cáo tự đánh giá (--pdf, --xlsx, --package).\n")
    assert cli("par-index", criteria, "--db", db).stderr == (
        "Cần --unit: mã đơn vị có bản tự đánh giá trong tệp dữ liệu.\n")
    Database.open(db).close()
    refused = cli("par-index", criteria, "--db", db, "--unit", "xa-thu", "--pdf", tmp_path / "x.pdf")
    assert (refused.returncode, refused.stderr) == (
        2, "Tệp dữ liệu không có đơn vị xa-thu: không biết tên đơn vị để ghi lên báo cáo.\n")
    assert not (tmp_path / "x.pdf").exists()


def test_an_output_may_not_be_the_criteria_set_or_the_data_file(tmp_path: Path) -> None:
    criteria = write_set(tmp_path, criteria_data())
    before = criteria.read_bytes()
    db = tmp_path / "cchc.sqlite3"
    Database.open(db).close()
    for output, option in ((criteria, "--pdf"), (db, "--xlsx")):
        result = cli("par-index", criteria, "--db", db, "--unit", "xa-thu", option, output)
        assert (result.returncode, result.stderr) == (2, (
            f"Không ghi đè tệp {output.name}: đó là tệp đang được đọc. Hãy chọn tên tệp đầu ra "
            "khác.\n"))
    assert criteria.read_bytes() == before
