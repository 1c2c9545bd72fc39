"""par-index: a PAR-index criteria set's tree and, with a report, its computed scores; with
--db, --unit and --pdf/--xlsx, the unit's self-assessment report (báo cáo tự đánh giá) in the
Decree 30/2020 layout and its workbook."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import inputs, open_store, read_choosing
from cchc_desktop.documents.par_report_pdf import write_par_report_pdf
from cchc_desktop.documents.par_report_workbook import write_par_report_workbook
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import format_number, format_percent, short_date
from cchc_desktop.domain.par_index import CriteriaSet, Criterion, ScoringKind
from cchc_desktop.domain.par_index_loading import load_criteria_file
from cchc_desktop.domain.par_index_scoring import (
    Answer,
    Assessment,
    CriterionScore,
    ReportFigures,
    score_assessment,
)
from cchc_desktop.domain.par_report import Letterhead
from cchc_desktop.domain.report import DocumentInfo, Signer
from cchc_desktop.fileio import check_outputs
from cchc_desktop.i18n import _
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.par_package import build_par_package


def _points(value: Decimal | None) -> str:
    return _("chưa chấm") if value is None else format_number(value, 2)


def _how(criterion: Criterion) -> str:
    scoring = criterion.scoring
    if scoring is None:
        return _("tổng các tiêu chí thành phần")
    if scoring.kind is ScoringKind.YES_NO:
        return _("có/không")
    if scoring.kind is ScoringKind.SCALE:
        return _("thang mức: {levels}").format(levels="; ".join(
            f"{level.label} = {format_number(level.points, 2)}" for level in scoring.levels))
    bands = "; ".join(_("từ {percent}%: {points}").format(
        percent=format_number(band.from_percent, 2), points=format_number(band.points, 2))
        for band in scoring.bands)
    return _("tính từ {source} ({bands})").format(source=scoring.source, bands=bands)


def _lines(score: CriterionScore, depth: int) -> list[str]:
    criterion = score.criterion
    indent = "  " * depth
    evidence = _(", cần tài liệu kiểm chứng") if criterion.evidence_required else ""
    lines = [_("{indent}{code} {title}: {points}/{maximum} điểm [{how}{evidence}]").format(
        indent=indent, code=criterion.code, title=criterion.title, points=_points(score.points),
        maximum=format_number(criterion.max_points, 2), how=_how(criterion), evidence=evidence)]
    if score.source is not None and score.source.period is not None:
        lines.append(_("{indent}  nguồn: {source}, {period}: {value}").format(
            indent=indent, source=score.source.indicator, period=score.source.period.label,
            value=format_percent(score.source.value)))
    for part in score.parts:
        lines += _lines(part, depth + 1)
    return lines


def _text(assessment: Assessment) -> str:
    criteria = assessment.criteria_set
    decision = criteria.decision
    dated = _(" ngày {date}").format(date=short_date(decision.date)) if decision.date else ""
    lines = [_("Bộ chỉ số CCHC {id}: {province}, năm {year}").format(
                 id=criteria.id, province=criteria.province, year=criteria.year),
             _("Quyết định số {number}{dated}: {title}").format(
                 number=decision.number, dated=dated, title=decision.title)]
    if not criteria.complete:
        lines.append(_("CHƯA ĐẦY ĐỦ: {note}").format(note=criteria.note))
    for field in assessment.fields:
        lines.append("")
        lines.append(_("{code}. {title}: {points}/{maximum} điểm").format(
            code=field.field.code, title=field.field.title, points=format_number(field.points, 2),
            maximum=format_number(field.maximum, 2)))
        if not field.criteria:
            lines.append("  " + _("(chưa có tiêu chí)"))
        for score in field.criteria:
            lines += _lines(score, 1)
    lines.append("")
    lines.append(_("Tổng: {total}/{maximum} điểm ({share})").format(
        total=format_number(assessment.total, 2), maximum=format_number(assessment.maximum, 2),
        share=assessment.share_text))
    if assessment.lacking_evidence:
        lines.append(_("Đã chấm nhưng chưa có tài liệu kiểm chứng: {codes}").format(
            codes=", ".join(assessment.lacking_evidence)))
    return "\n".join(lines)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _score_json(score: CriterionScore) -> dict[str, Any]:
    criterion = score.criterion
    entry: dict[str, Any] = {
        "code": criterion.code, "title": criterion.title,
        "max_points": str(criterion.max_points), "points": _number(score.points),
        "evidence_required": criterion.evidence_required,
        "scoring": criterion.scoring.kind.value if criterion.scoring else None,
    }
    if score.source is not None:
        entry["source"] = {
            "indicator": score.source.indicator,
            "period": score.source.period.key if score.source.period else None,
            "value": _number(score.source.value)}
    if score.parts:
        entry["sub_criteria"] = [_score_json(part) for part in score.parts]
    return entry


def _json(assessment: Assessment) -> dict[str, Any]:
    criteria = assessment.criteria_set
    decision = criteria.decision
    return {
        "id": criteria.id, "province": criteria.province, "year": criteria.year,
        "level": criteria.level, "complete": criteria.complete, "note": criteria.note,
        "decision": {"number": decision.number, "title": decision.title,
                     "date": decision.date.isoformat() if decision.date else None,
                     "source": decision.source},
        "fields": [{"code": f.field.code, "title": f.field.title,
                    "max_points": str(f.maximum), "points": str(f.points),
                    "criteria": [_score_json(s) for s in f.criteria]}
                   for f in assessment.fields],
        "total": str(assessment.total), "maximum": str(assessment.maximum),
        "share": _number(assessment.share.value),
        "lacking_evidence": list(assessment.lacking_evidence),
        "unscored": list(assessment.unscored),
    }


def letterhead(store: ReportStore, unit_code: str, date: dt.date) -> Letterhead:
    """Who issues and signs: the data file's own unit (its place, symbol and signer) and the
    recipients of its newest report; for another unit, its newest report's."""
    summaries = store.list_reports(unit_code)
    newest = store.load_report(summaries[-1].id) if summaries else None
    own = store.own_unit()
    if own is not None and own.code == unit_code:
        return Letterhead(own.unit, DocumentInfo("", own.doc_symbol, own.place, date),
                          Signer(own.signer_authority, own.signer_title, own.signer_name),
                          tuple(newest.recipients) if newest is not None else ())
    if newest is None:
        raise KnownError(_("Tệp dữ liệu không có đơn vị {unit}: không biết tên đơn vị để ghi lên "
                           "báo cáo.").format(unit=unit_code))
    return Letterhead.of(newest, date)


def _write_report(args: argparse.Namespace, store: ReportStore, criteria: CriteriaSet, year: int,
                  figures: ReportFigures | None) -> None:
    head = letterhead(store, args.unit, args.date or dt.date.today())
    document = store.par_report(args.unit, criteria, year, head, figures)
    if args.pdf is not None:
        pages = write_par_report_pdf(document, args.pdf)
        print(_("Đã ghi báo cáo tự đánh giá ({pages} trang) vào {path}.").format(
            pages=pages, path=args.pdf))
    if args.xlsx is not None:
        write_par_report_workbook(document, args.xlsx)
        print(_("Đã ghi bảng tổng hợp tự đánh giá vào {path}.").format(path=args.xlsx))
    if args.package is not None:
        args.package.mkdir(parents=True, exist_ok=True)
        package = build_par_package(document, store.par_evidence(args.unit, criteria, year),
                                    args.package)
        print(_("Đã đóng gói báo cáo tự đánh giá ({files} tệp): {folder} và {zip}.").format(
            files=len(package.files), folder=package.folder, zip=package.zip_path))


def par_index_command(args: argparse.Namespace) -> int:
    criteria = load_criteria_file(args.criteria)
    figures = None
    if args.report:
        report, template = read_choosing(args.report, args)
        figures = ReportFigures.of(report, template)
    answers: Mapping[str, Answer] = {}
    year = args.year or criteria.year
    writing = any(out is not None for out in (args.pdf, args.xlsx, args.package))
    if writing and args.sub_db is None:
        raise KnownError(_("Cần --db và --unit để ghi báo cáo tự đánh giá (--pdf, --xlsx, "
                           "--package)."))
    if args.sub_db is not None:
        if not args.unit:
            raise KnownError(_("Cần --unit: mã đơn vị có bản tự đánh giá trong tệp dữ liệu."))
        args.db = args.sub_db
        if writing:
            # Refused before any work: an output that is the data file, the set or the report.
            check_outputs([out for out in (args.pdf, args.xlsx) if out is not None],
                          inputs=[*inputs(args), args.criteria,
                                  *([args.report] if args.report else [])])
        opened, store = open_store(args, existing=True)
        with opened:
            answers = store.par_scoring_answers(args.unit, criteria, year)
            if writing:
                _write_report(args, store, criteria, year, figures)
                return EXIT_OK
    assessment = score_assessment(criteria, answers, figures)
    if args.format == "json":
        print(json.dumps(_json(assessment), ensure_ascii=False, indent=2))
    else:
        print(_text(assessment))
    return EXIT_OK
