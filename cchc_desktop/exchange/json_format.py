"""The JSON exchange file (format 'cchc-report', version 2; 1 for a plain report): one report,
read and written.

Reading is strict: the file is checked against the JSON Schema, then against the
template it names. Every problem is collected so that the clerk sees the whole list
at once; nothing is half-read. The text is parsed by exchange/strict_json.py: numbers
become Decimal only inside the bounded domain (never float, never a giant int), texts are
NFC without hidden characters in names and codes, a repeated key is refused.

About 480 lines on purpose: the format is read and written here, side by side, so that a field
added to the writer is added to the strict reader in the same read (and
tests/exchange/test_written_means_readable.py holds them to it); the parsing below the schema
is exchange/strict_json.py, the schema's check exchange/schema_check.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from cchc_desktop import __version__
from cchc_desktop.domain.errors import KnownError, ReportError, TemplateError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.number_domain import (
    from_int,
    parse_number,
    plain_text,
    revision_problem,
    target_problem,
)
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import (
    DEFAULT_DOC_SYMBOL,
    DocumentInfo,
    IssuedDocument,
    Proposal,
    Report,
    ReportStatus,
    Signer,
    SubmissionStatus,
    SubunitSubmission,
    Task,
    TaskOrigin,
    TaskStatus,
)
from cchc_desktop.domain.rich_text import RichText, RichTextError
from cchc_desktop.domain.schema_errors import describe
from cchc_desktop.domain.template import (
    Template,
    TemplateRegistry,
    shipped_templates,
)
from cchc_desktop.domain.text_hygiene import shown
from cchc_desktop.domain.units import Unit, level_catalogue
from cchc_desktop.domain.values import value_problem
from cchc_desktop.exchange import strict_json
from cchc_desktop.exchange.schema_check import SchemaCheck
from cchc_desktop.fileio import atomic_write_text
from cchc_desktop.i18n import N_, _
from cchc_desktop.paths import resources_dir
from cchc_desktop.reading import MAX_JSON_BYTES, MB, check_size, read_input_bytes

FORMAT = "cchc-report"
FORMAT_VERSION = 2          # the newest this version reads and writes
PLAIN_FORMAT_VERSION = 1    # written when a report has no formatted narrative or extra figure
MAX_FILE_BYTES = MAX_JSON_BYTES     # the caps live in cchc_desktop.reading
_MAX_LISTED = 12


@cache
def report_schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (resources_dir() / "schemas" / "cchc-report.schema.json").read_text("utf-8"))
    return loaded


@cache
def _schema_check() -> SchemaCheck:
    """The schema's yes-or-no check, made once: the schema is the same for every file (the
    template is checked after it, from the file's own "template")."""
    return SchemaCheck(report_schema())


@cache
def _validator() -> Any:
    """jsonschema's validator, for the problems of a file that does not conform."""
    import jsonschema  # start-up: 40-60 ms, only for a file the schema check refused

    return jsonschema.Draft202012Validator(report_schema())


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:_MAX_LISTED])
    if len(items) > _MAX_LISTED:
        shown += _(" và {n} mã khác").format(n=len(items) - _MAX_LISTED)
    return shown


def _date(text: str | None, what: str, problems: list[str]) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(_("{what}: ngày '{text}' không đúng dạng YYYY-MM-DD").format(
            what=what, text=text))
        return None


def _datetime(text: str | None, problems: list[str]) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        problems.append(_("thời điểm nhận '{text}' không đúng dạng ISO").format(text=text))
        return None


def _decimal(raw: Any) -> Decimal:
    """A number of the file as a Decimal of the domain, or ValueError with the reason.

    Strings and floats (from a dict built by other code) go through their text, so that
    '1e999999999' or float('nan') is refused before anything computes with it.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise ValueError(_("không phải là số"))
    if isinstance(raw, int):
        return from_int(raw)
    return parse_number(raw if isinstance(raw, str) else str(raw))


def _shown_raw(raw: Any) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10 ** 40:
        return _("(số có hơn 40 chữ số)")      # str() of a huge int is slow, or refused
    return shown(str(raw))


def _narrative(path: strict_json.Path) -> bool:
    """Texts of the file that are prose (kept with line breaks, hidden characters removed);
    every other text is a name or a code and is refused if it hides anything. The same
    split as domain/report_hygiene.py makes for what is stored."""
    if not path:
        return False          # the whole file a bare string: not a report, refused later
    if path[0] == "documents":
        return path[-1] != "section"
    return path[0] in ("notes", "texts", "tasks", "proposals", "recipients", "signer", "document")


def report_from_dict(data: Any, source: str = "",
                     registry: TemplateRegistry | None = None) -> tuple[Report, Template]:
    """Build a Report from parsed JSON, or raise ReportError listing every problem."""
    registry = registry or shipped_templates()
    where = source or _("tệp báo cáo")
    conforms = _schema_check().conforms(data)
    schema_errors = [] if conforms else sorted(_validator().iter_errors(data),
                                               key=lambda e: list(e.absolute_path))
    if schema_errors:
        lines = [describe(error, data) for error in schema_errors[:_MAX_LISTED]]
        raise ReportError(_("{where} không đúng định dạng báo cáo CCHC:\n{lines}").format(
            where=where, lines="\n".join(lines)))
    try:
        template = registry.get(data["template"])
    except TemplateError as exc:
        raise ReportError(f"{where}: {exc.message}") from exc

    problems: list[str] = []
    unit_data = data["unit"]
    if unit_data["level"] not in level_catalogue().levels:
        problems.append(_("cấp '{level}' của đơn vị không có (dùng: {known})").format(
            level=unit_data["level"], known=", ".join(level_catalogue().levels)))
    unit = Unit(unit_data["code"], unit_data["name"], unit_data["level"], unit_data.get("parent", ""))

    period = _period(data["period"], problems)
    values = _values(data["values"], template, problems)
    targets: dict[str, Decimal] = {}
    for code, raw in data.get("targets", {}).items():
        if code not in template.indicators:
            problems.append(_("mục tiêu cho mã không có: {code}").format(code=code))
            continue
        try:
            target = _decimal(raw)
        except ValueError as exc:
            problems.append(_("mục tiêu {code} = '{raw}': {problem}").format(
                code=code, raw=_shown_raw(raw), problem=exc))
            continue
        problem = target_problem(target)
        if problem:
            problems.append(_("mục tiêu {code} = '{raw}': {problem}").format(
                code=code, raw=_shown_raw(raw), problem=problem))
            continue
        targets[code] = target
    revision = data.get("revision", 0)
    if (problem := revision_problem(revision)) is not None:
        problems.append(_("lần gửi (revision) = '{raw}': {problem}").format(
            raw=_shown_raw(revision), problem=problem))
    unknown_notes = [c for c in data.get("notes", {}) if c not in template.indicators]
    if unknown_notes:
        problems.append(_("giải trình cho mã không có: {codes}").format(codes=_listing(unknown_notes)))
    sections = template.section_ids()
    unknown_sections = [s for s in data.get("texts", {}) if s not in sections]
    if unknown_sections:
        problems.append(_("nội dung cho mục không có trong mẫu {ref}: {ids}").format(
            ref=template.ref, ids=_listing(unknown_sections)))
    document_data = data.get("document", {})
    document = DocumentInfo(
        number=document_data.get("number", ""), symbol=document_data.get("symbol", DEFAULT_DOC_SYMBOL),
        place=document_data.get("place", ""),
        date=_date(document_data.get("date"), _("ngày ban hành"), problems),
        subject=document_data.get("subject", ""))
    issued = [IssuedDocument(d["number"], _date(d.get("date"), d["number"], problems), d["subject"],
                             d.get("section", "")) for d in data.get("documents", [])]
    subunits = [SubunitSubmission(s["code"], s.get("name", ""), s.get("level", ""),
                                  _datetime(s.get("received_at"), problems),
                                  SubmissionStatus(s["status"])) for s in data.get("subunits", [])]
    rich = _rich_texts(data.get("rich", {}), sections, problems)
    extra_figures = _extra_figures(data.get("extra_figures", []), problems)
    if problems or period is None:
        raise ReportError(_("{where} có lỗi:\n- {lines}").format(
            where=where, lines="\n- ".join(problems)))
    signer = data.get("signer", {})
    report = Report(
        template_ref=template.ref, unit=unit, period=period, revision=revision,
        status=ReportStatus(data.get("status", "draft")),
        precision=data.get("precision", template.precision), document=document,
        signer=Signer(signer.get("authority", ""), signer.get("title", ""), signer.get("name", "")),
        recipients=list(data.get("recipients", [])), values=values,
        notes=dict(data.get("notes", {})), texts=dict(data.get("texts", {})), targets=targets,
        tasks=[Task(t["text"], TaskStatus(t.get("status", "not_started")),
                    TaskOrigin(t.get("origin", "new"))) for t in data.get("tasks", [])],
        proposals=[Proposal(p.get("from_unit", ""), p.get("to", ""), p["text"])
                   for p in data.get("proposals", [])],
        documents=issued, subunits=subunits, extra_figures=extra_figures,
    )
    for section_id, narrative in rich.items():
        report.set_narrative(section_id, narrative)
    return report, template


def _rich_texts(raw: dict[str, Any], sections: Collection[str],
                problems: list[str]) -> dict[str, RichText]:
    out: dict[str, RichText] = {}
    for section_id, stored in raw.items():
        if section_id not in sections:
            problems.append(_("nội dung định dạng cho mục không có: {id}").format(id=section_id[:60]))
            continue
        try:
            out[section_id] = RichText.from_json(stored)
        except RichTextError as exc:
            problems.append(_("nội dung định dạng của mục {id}: {problem}").format(
                id=section_id, problem=exc))
    return out


def _extra_figures(raw: list[dict[str, Any]], problems: list[str]) -> list[ExtraFigure]:
    out: list[ExtraFigure] = []
    for item in raw:
        value = None
        if item.get("value") is not None:
            try:
                value = _decimal(item["value"])
            except ValueError as exc:
                problems.append(_("số liệu bổ sung {key}: {problem}").format(key=item["key"],
                                                                              problem=exc))
                continue
        rate = item.get("rate_of")
        if rate is not None and len(rate) != 2:
            problems.append(_("số liệu bổ sung {key}: {problem}").format(
                key=item["key"], problem=_("tỷ lệ phải là của hai số liệu khác")))
            continue
        out.append(ExtraFigure(item["section"], item["key"], item["label"], item.get("unit", ""),
                               value, (rate[0], rate[1]) if rate else None))
    return out


def _period(raw: dict[str, Any], problems: list[str]) -> Period | None:
    """The period of the file; dates it leaves out take the national defaults."""
    kind = PeriodKind(raw["kind"])
    start = _date(raw.get("start"), _("ngày bắt đầu kỳ"), problems)
    end = _date(raw.get("end"), _("ngày kết thúc kỳ"), problems)
    deadline = _date(raw.get("deadline"), _("hạn gửi"), problems)
    if kind is PeriodKind.ADHOC and not (start and end):
        problems.append(_("báo cáo đột xuất cần ngày bắt đầu và kết thúc"))
        return None
    try:
        if kind is PeriodKind.ADHOC:
            assert start is not None and end is not None
            return Period(raw["year"], kind, start, end, deadline or end)
        default = Period.default(raw["year"], kind)
        return Period(raw["year"], kind, start or default.start, end or default.end,
                      deadline or default.deadline)
    except KnownError as exc:
        problems.append(exc.message)
        return None


def _values(raw: dict[str, Any], template: Template, problems: list[str]) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    unknown = [code for code in raw if code not in template.indicators]
    if unknown:
        problems.append(_("mã chỉ tiêu không có trong mẫu {ref}: {codes}").format(
            ref=template.ref, codes=_listing(unknown)))
    for code, item in raw.items():
        indicator = template.indicators.get(code)
        if indicator is None:
            continue
        try:
            value = _decimal(item)
        except ValueError as exc:
            problems.append(_("{code} ({label}) = '{raw}': {problem}").format(
                code=code, label=indicator.label, raw=_shown_raw(item), problem=exc))
            continue
        problem = value_problem(indicator, value)
        if problem:
            problems.append(_("{code} ({label}) = {raw}: {problem}").format(
                code=code, label=indicator.label, raw=_shown_raw(item), problem=problem))
            continue
        values[code] = value
    return values


def report_to_dict(report: Report, template: Template) -> dict[str, Any]:
    """The exchange content of a report, in template order, entered figures only."""
    values: dict[str, Any] = {}
    for code, indicator in template.indicators.items():
        value = report.values.get(code)
        if value is None or indicator.derived:
            continue
        values[code] = indicator.field_kind.exchange_value(value)
    document = report.document
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION if report.rich or report.extra_figures
        else PLAIN_FORMAT_VERSION,
        "template": report.template_ref,
        "app_version": __version__,
        "unit": {"code": report.unit.code, "name": report.unit.name, "level": report.unit.level,
                 "parent": report.unit.parent},
        "period": {"year": report.period.year, "kind": report.period.kind.value,
                   "start": report.period.start.isoformat(), "end": report.period.end.isoformat(),
                   "deadline": report.period.deadline.isoformat()},
        "revision": report.revision,
        "status": report.status.value,
        "precision": report.precision,
        "document": {"number": document.number, "symbol": document.symbol, "place": document.place,
                     "date": document.date.isoformat() if document.date else None,
                     "subject": document.subject},
        "signer": {"authority": report.signer.authority, "title": report.signer.title,
                   "name": report.signer.name},
        "recipients": list(report.recipients),
        "values": values,
        "targets": {code: _plain(v) for code, v in report.targets.items()},
        "notes": _in_order(report.notes, list(template.indicators)),
        "texts": _in_order(report.texts, [s.id for s, _depth in template.walk()]),
        "tasks": [{"text": t.text, "status": t.status.value, "origin": t.origin.value}
                  for t in report.tasks],
        "proposals": [{"from_unit": p.from_unit, "to": p.to, "text": p.text}
                      for p in report.proposals],
        "documents": [{"number": d.number, "date": d.date.isoformat() if d.date else None,
                       "subject": d.subject, "section": d.section} for d in report.documents],
        "subunits": [{"code": s.code, "name": s.name, "level": s.level,
                      "received_at": s.received_at.isoformat() if s.received_at else None,
                      "status": s.status.value} for s in report.subunits],
        # Only when there is something: a plain report stays a version 1 file, which older
        # versions read and whose data hash (exchange/fingerprint.py) is the one they made.
        **_formatted_parts(report, template),
    }


def _formatted_parts(report: Report, template: Template) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if report.rich:
        order = [s.id for s, _depth in template.walk()]
        out["rich"] = {s: report.rich[s].to_json() for s in sorted(report.rich, key=order.index)}
    if report.extra_figures:
        out["extra_figures"] = [_extra_figure_data(f) for f in report.extra_figures]
    return out


def _extra_figure_data(figure: ExtraFigure) -> dict[str, Any]:
    data: dict[str, Any] = {"section": figure.section_id, "key": figure.key, "label": figure.label,
                            "unit": figure.unit,
                            "value": None if figure.value is None else _plain(figure.value)}
    if figure.rate_of is not None:
        data["rate_of"] = list(figure.rate_of)
    return data


def _in_order(items: dict[str, str], order: list[str]) -> dict[str, str]:
    """Template order, so that the same report always gives the same file."""
    rank = {key: index for index, key in enumerate(order)}
    return {key: items[key] for key in sorted(items, key=lambda k: (rank.get(k, len(rank)), k))}


def _plain(value: Decimal) -> str:
    """A decimal string without exponent or needless trailing zeros ('2987.455', '15400')."""
    return plain_text(value)


def checked_exchange_data(report: Report, template: Template) -> dict[str, Any]:
    """The exchange content of a report, refused (ReportError) if it would be refused on
    reading: a file the app writes (JSON, or the workbook's data sheet) is a file the superior
    unit's app reads, never one that only fails there (a province gathering its communes'
    proposals past a limit, say)."""
    data = report_to_dict(report, template)
    if not _schema_check().conforms(data):
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        lines = [describe(error, data) for error in errors[:_MAX_LISTED]]
        raise ReportError(_("Không ghi được tệp trao đổi của báo cáo: cấp trên sẽ không đọc "
                            "được tệp này vì\n{lines}").format(lines="\n".join(lines)))
    return data


def dumps(report: Report, template: Template) -> str:
    text = json.dumps(checked_exchange_data(report, template), ensure_ascii=False, indent=2) + "\n"
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise ReportError(_("Không ghi được tệp trao đổi của báo cáo: tệp sẽ lớn hơn {limit} MB, "
                            "cấp trên không đọc được. Hãy rút gọn văn bản hoặc danh sách của báo "
                            "cáo.").format(limit=MAX_FILE_BYTES // MB))
    return text


def loads(text: str, source: str = "", registry: TemplateRegistry | None = None,
          ) -> tuple[Report, Template]:
    where = source or _("tệp báo cáo")
    return report_from_dict(parse_exchange(text, where, source), where, registry)


def parse_exchange(text: str, where: str, source: str = "") -> Any:
    """The content of an exchange text, checked (strict_json) but not yet against the schema.

    ReportError naming `where`, and every field refused, for anything else.
    """
    try:
        return strict_json.loads(text, _narrative)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ReportError(json_syntax_message(source, exc)) from exc
    except strict_json.StrictJSONError as exc:
        raise ReportError(_("{where} có giá trị không nhận được:\n- {lines}").format(
            where=where, lines="\n- ".join(exc.problems))) from exc


# json's English messages, for the few mistakes people make when editing a file by hand.
_JSON_MISTAKES = (
    ("Expecting property name", N_("thiếu tên trường trong dấu ngoặc kép (có dấu phẩy thừa?)")),
    ("Expecting ',' delimiter", N_("thiếu dấu phẩy")),
    ("Expecting ':' delimiter", N_("thiếu dấu hai chấm")),
    ("Expecting value", N_("thiếu giá trị (tệp rỗng, bị cắt, hoặc có dấu phẩy thừa?)")),
    ("Unterminated string", N_("chuỗi chưa đóng dấu ngoặc kép (tệp bị cắt?)")),
    ("Invalid control character", N_("có ký tự điều khiển trong chuỗi")),
    ("Invalid \\escape", N_("có ký tự thoát \\ không hợp lệ")),
    ("Extra data", N_("có dữ liệu thừa sau phần JSON")),
)


def json_syntax_message(source: str, exc: ValueError | RecursionError) -> str:
    """'Tệp X không phải là JSON hợp lệ (dòng L, cột C): what is wrong.' in the clerk's words."""
    where = _("Tệp {name}").format(name=source) if source else _("Tệp báo cáo")
    if not isinstance(exc, json.JSONDecodeError):
        return _("{where} không phải là JSON hợp lệ: lồng quá sâu.").format(where=where)
    detail = next((_(vi) for key, vi in _JSON_MISTAKES if exc.msg.startswith(key)), None)
    message = _("{where} không phải là JSON hợp lệ (dòng {line}, cột {column})").format(
        where=where, line=exc.lineno, column=exc.colno)
    return message + (f": {detail}." if detail else ".")


def read_report(path: Path, registry: TemplateRegistry | None = None, *,
                content: bytes | None = None) -> tuple[Report, Template]:
    """The report of an exchange file (`content`: its bytes, if the caller has read them
    already with cchc_desktop.reading)."""
    path = Path(path)
    raw = read_input_bytes(path, MAX_FILE_BYTES) if content is None else check_size(
        path, content, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(_("Tệp {name} không phải văn bản UTF-8 (có thể là tệp khác hoặc bị hỏng)."
                            ).format(name=path.name)) from exc
    return loads(text, path.name, registry)


def write_report(report: Report, template: Template, path: Path) -> None:
    """Write atomically: a temporary file beside the target, then a rename."""
    atomic_write_text(path, dumps(report, template))
