"""A report's texts made fit to store: the rules of text_hygiene applied field by field.

Used on the way into the data file, whatever brought the report (form, JSON, workbook,
consolidation), so that what is stored is NFC, names and codes hide nothing, and
narrative has no invisible controls. Refusals name the field, in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import (
    DocumentInfo,
    IssuedDocument,
    Proposal,
    Report,
    Signer,
    SubunitSubmission,
    Task,
)
from cchc_desktop.domain.text_hygiene import TextProblem, clean_name, clean_narrative, shown
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _


def clean_report(report: Report) -> Report:
    """A copy of `report` with every text cleaned, or ReportError listing the refused fields."""
    problems: list[str] = []

    def cleaned(clean: Callable[[str], str], text: str, field: str) -> str:
        try:
            return clean(text)
        except TextProblem as exc:
            problems.append(_("{field}: '{text}' {reason}").format(
                field=field, text=shown(text), reason=exc))
            return text

    def name(text: str, field: str) -> str:
        return cleaned(clean_name, text, field)

    def prose(text: str, field: str) -> str:
        return cleaned(clean_narrative, text, field)

    def keyed(items: dict[str, str], field: str) -> dict[str, str]:
        return {name(k, field): prose(v, f"{field} {shown(k)}") for k, v in items.items()}

    def section_prose(section_id: str) -> Callable[[str], str]:
        field = _("nội dung mục") + " " + shown(section_id)
        return lambda text: prose(text, field)

    unit = report.unit
    document, signer = report.document, report.signer
    # Worded once, not once per figure: a consolidation cleans 2,000 reports of 130 figures.
    value_field, target_field = _("mã chỉ tiêu"), _("mã mục tiêu")
    result = replace(
        report,
        template_ref=name(report.template_ref, _("mẫu báo cáo")),
        unit=Unit(name(unit.code, _("mã đơn vị")), name(unit.name, _("tên đơn vị")),
                  name(unit.level, _("cấp đơn vị")), name(unit.parent, _("đơn vị cấp trên"))),
        document=DocumentInfo(prose(document.number, _("số văn bản")),
                              prose(document.symbol, _("ký hiệu văn bản")),
                              prose(document.place, _("địa danh")), document.date,
                              prose(document.subject, _("trích yếu"))),
        signer=Signer(prose(signer.authority, _("thẩm quyền ký")),
                      prose(signer.title, _("chức vụ người ký")),
                      prose(signer.name, _("người ký"))),
        recipients=[prose(r, _("nơi nhận")) for r in report.recipients],
        values={name(k, value_field): v for k, v in report.values.items()},
        targets={name(k, target_field): v for k, v in report.targets.items()},
        notes=keyed(report.notes, _("giải trình")),
        texts=keyed(report.texts, _("nội dung mục")),
        rich={name(k, _("nội dung mục")): v.map_text(section_prose(k))
              for k, v in report.rich.items()},
        extra_figures=[replace(f, section_id=name(f.section_id, _("số liệu bổ sung")),
                               key=name(f.key, _("số liệu bổ sung")),
                               label=prose(f.label, _("số liệu bổ sung")),
                               unit=prose(f.unit, _("số liệu bổ sung")))
                       for f in report.extra_figures],
        tasks=[Task(prose(t.text, _("nhiệm vụ {n}").format(n=i + 1)), t.status, t.origin)
               for i, t in enumerate(report.tasks)],
        proposals=[Proposal(prose(p.from_unit, _("kiến nghị {n}").format(n=i + 1)),
                            prose(p.to, _("kiến nghị {n}").format(n=i + 1)),
                            prose(p.text, _("kiến nghị {n}").format(n=i + 1)))
                   for i, p in enumerate(report.proposals)],
        documents=[IssuedDocument(prose(d.number, _("văn bản {n}").format(n=i + 1)), d.date,
                                  prose(d.subject, _("văn bản {n}").format(n=i + 1)),
                                  name(d.section, _("văn bản {n}").format(n=i + 1)))
                   for i, d in enumerate(report.documents)],
        subunits=[SubunitSubmission(name(s.code, _("mã đơn vị cấp dưới")),
                                    name(s.name, _("tên đơn vị cấp dưới")),
                                    name(s.level, _("cấp đơn vị cấp dưới")), s.received_at, s.status)
                  for s in report.subunits],
    )
    if problems:
        raise ReportError(_("Báo cáo có chữ không lưu được:\n- {lines}").format(
            lines="\n- ".join(problems[:12])))
    return result
