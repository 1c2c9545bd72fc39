"""The body of the PDF: title and subject under the header, the opening sentence, the
template's sections with the clerk's narrative and a short paragraph of each section's
figures (rates with their fractions), the closing line and the signature block.

Document citations in the narrative become footnotes at the foot of the page where they
are cited (footnotes.py); a very long paragraph is laid out in pieces (narrative.pieces).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cchc_desktop.documents import fonts
from cchc_desktop.documents.figures_table import group_codes, level_label, sentence_items
from cchc_desktop.documents.footnotes import MARKER, FootnotedParagraph, FootnoteState, marker_numbers
from cchc_desktop.documents.header import CentredRule, DocumentHeader, subject_rule_length
from cchc_desktop.documents.narrative import BlockKind, Footnotes, blocks, cite, pieces
from cchc_desktop.documents.pdf_annexes import AnnexPlan
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN
from cchc_desktop.documents.pdf_styles import BODY_SIZE, piece_style, plain, styles
from cchc_desktop.documents.rich_narrative import rich_flowables
from cchc_desktop.documents.signature_block import SignaturePlace, signature_block
from cchc_desktop.documents.text import lower_first, markup, nfc, upper_first, vi_upper
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.extra_figure_rows import extra_rows
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Section
from cchc_desktop.domain.unit_names import normalise_name
from cchc_desktop.i18n import Language


def report_subject(context: ReportContext, language: Language) -> str:
    """The document's subject, or the template's with the period when the clerk left it blank."""
    report = context.report
    subject = nfc(report.document.subject).strip()
    if subject:
        return subject
    template_subject = nfc(context.template.subject.render(language))
    return template_subject.replace("{period}", lower_first(nfc(report.period.label_in(language))))


def own_name(report: Report) -> str:
    """The unit's name on one line, as the text names it."""
    return " ".join(nfc(report.unit.name).split())


# A people's committee is named in a subject by its place alone: "... của xã Mỹ An".
_BODY_PREFIXES = tuple(normalise_name(body) + " " for body in ("Ủy ban nhân dân", "Hội đồng nhân dân"))


def names_unit(subject: str, name: str) -> bool:
    """Whether `subject` already names the unit: its whole name, or the place after the
    body ("xã Mỹ An" for "Ủy ban nhân dân xã Mỹ An"), as whole words in any spelling."""
    unit, text = normalise_name(name), normalise_name(subject)
    for prefix in _BODY_PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            unit = unit[len(prefix):]
            break
    return bool(unit) and re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", text) is not None


class BodyBuilder:
    """The body of one report, in the document's language; cites into `footnotes`."""

    def __init__(self, context: ReportContext, footnotes: Footnotes,
                 annexes: list[AnnexPlan], state: FootnoteState,
                 signature_place: SignaturePlace | None = None, *,
                 language: Language, findings: Sequence[Finding]) -> None:
        self.language = language
        self.findings = findings
        self.gettext = language.gettext
        self.state = state
        self.signature_place = signature_place
        self.context = context
        self.report = context.report
        self.template = context.template
        self.footnotes = footnotes
        self.annexes: dict[str, AnnexPlan] = {plan.annex.kind.value: plan for plan in annexes}
        self.s = styles()
        self.width = A4[0] - LEFT_MARGIN - RIGHT_MARGIN

    # --- front matter
    def front(self) -> list[Flowable]:
        subject = report_subject(self.context, self.language)
        story: list[Flowable] = [DocumentHeader(self.report), plain("BÁO CÁO", self.s.title),
                                 plain(subject, self.s.subject),
                                 CentredRule(subject_rule_length(subject, fonts.BOLD, BODY_SIZE,
                                                                 self.width), space_before=6),
                                 Spacer(1, 14)]
        period = self.report.period
        intro = self.gettext("{unit} báo cáo {subject} (số liệu tính từ ngày {start} đến ngày {end}) "
                  "như sau:").format(unit=own_name(self.report), subject=lower_first(subject),
                                     start=short_date(period.start), end=short_date(period.end))
        story.append(plain(intro, self.s.body))
        references = [self.annexes[k] for k in ("figures", "justifications", "subunits")
                      if k in self.annexes]
        if references:
            parts = [self.gettext("{title} tại {label}").format(
                title=lower_first(nfc(plan.annex.title.render(self.language))), label=plan.label)
                for plan in references]
            sentence = upper_first("; ".join(parts)) + self.gettext(" kèm theo báo cáo này.")
            story.append(plain(sentence, self.s.body))
        return story

    # --- sections
    def heading(self, section: Section, depth: int) -> Paragraph:
        title = nfc(section.title.render(self.language))
        if depth == 0:
            text = f"{section.number}. {vi_upper(title)}"
        elif depth == 1:
            text = f"{section.number}. {title}"
        else:
            text = f"<i>{markup(section.number)}) {markup(title)}</i>"
            return Paragraph(text, self.s.heading)
        return plain(text, self.s.heading)

    def narrative(self, text: str) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks(text):
            style = self.s.plus if block.kind is BlockKind.PLUS else self.s.body
            parts = pieces(block.text)
            for index, part in enumerate(parts):
                out.append(self._paragraph(part, piece_style(style, index == 0,
                                                             index == len(parts) - 1)))
        return out

    def _paragraph(self, text: str, style: ParagraphStyle) -> Flowable:
        return self._paragraph_markup(cite(text, self.footnotes), style)

    def _paragraph_markup(self, text: str, style: ParagraphStyle) -> Flowable:
        """A body paragraph of markup whose footnote markers are placed on their page."""
        before = len(self.footnotes.notes)
        paragraph = Paragraph(text, style)
        if len(self.footnotes.notes) > before or f'name="{MARKER}"' in paragraph.text:
            numbers = marker_numbers(paragraph, self.width)
            return FootnotedParagraph(paragraph, numbers, self.state)
        return paragraph

    def figures(self, section: Section) -> list[Flowable]:
        """One line per group (per level for per-level groups): the entered figures and rates."""
        out: list[Flowable] = []
        for group in section.groups:
            for level, codes in group_codes(self.context, group):
                items = sentence_items(self.context, codes, self.language)
                if not items:
                    continue
                title = nfc(group.title.render(self.language))
                if level is not None:
                    title += f", {lower_first(level_label(level, group, self.language))}"
                out.append(plain(f"- {title}: " + "; ".join(items) + ".", self.s.body))
        return out

    def extra_figures(self, section: Section) -> list[Flowable]:
        """The figures the unit added to the section, after the template's: one line each."""
        return [plain(f"- {row.line(self.language.locale)}.", self.s.body)
                for row in extra_rows(self.report, section.id)]

    def tasks(self) -> list[Flowable]:
        if not self.report.tasks:
            return []
        out: list[Flowable] = [plain(self.gettext("Tình hình thực hiện các nhiệm vụ trong kỳ:"),
                                      self.s.body)]
        for task in self.report.tasks:
            text = nfc(task.text).strip().rstrip(".;")
            status = lower_first(task.status.label_in(self.language))
            out.append(plain(f"- {text}: {status}.", self.s.body))
        return out

    def proposals(self, has_text: bool) -> list[Flowable]:
        out: list[Flowable] = []
        if not has_text:
            for proposal in self.report.proposals:
                to = nfc(proposal.to).strip()
                text = nfc(proposal.text).strip()
                out.append(plain(f"- {to}: {text}" if to else f"- {text}", self.s.body))
        plan = self.annexes.get("proposals")
        if plan is not None and (has_text or len(self.report.proposals) > 0):
            out.append(plain(self.gettext("Chi tiết tại {label} kèm theo.").format(label=plan.label),
                             self.s.body))
        return out

    def section(self, section: Section, depth: int) -> list[Flowable]:
        out: list[Flowable] = [self.heading(section, depth)]
        text = self.report.texts.get(section.id, "")
        rich = self.report.rich.get(section.id)
        if rich is not None:
            body = rich_flowables(rich, self.footnotes, self.s, self.width, self._paragraph_markup)
        else:
            body = self.narrative(text) if text.strip() else []
        body += self.figures(section)
        body += self.extra_figures(section)
        if section.checklist:
            body += self.tasks()
        if section.proposals and self.report.proposals:
            body += self.proposals(bool(text.strip()))
        if section.documents and "documents" in self.annexes:
            plan = self.annexes["documents"]
            body.append(plain(self.gettext("{title} tại {label} kèm theo.").format(
                title=upper_first(nfc(plan.annex.title.render(self.language))), label=plan.label),
                self.s.body))
        if not body and not section.children:
            body.append(plain(self.gettext("Không có."), self.s.body))
        return out + body

    def closing(self) -> list[Flowable]:
        subject = report_subject(self.context, self.language)
        name = own_name(self.report)
        sentence = self.gettext("Trên đây là báo cáo {subject}").format(subject=lower_first(subject))
        if name and not names_unit(subject, name):
            sentence += self.gettext(" của {unit}").format(unit=name)
        return [plain(sentence + "./.", self.s.body)]

    def signature(self) -> Flowable:
        return signature_block(self.report, self.s, self.width, self.gettext, self.signature_place)

    def story(self) -> list[Flowable]:
        """The body from the header to the signature block; the closing keeps with the block."""
        story = self.front()
        for section, depth in self.template.walk():
            story += self.section(section, depth)
        story.append(KeepTogether([*self.closing(), Spacer(1, 6), self.signature()]))
        return story
