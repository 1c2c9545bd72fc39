"""The language a document is written in, whatever language the window speaks.

A report for signature follows Decree 30/2020/NĐ-CP and is written in Vietnamese: the
PDF and the Excel annex take DOCUMENT_LANGUAGE as an argument and pass it to every
helper that words or formats text (`language.gettext`, `Text.render(language)`,
`locale=language.locale`), so `--lang en` or an English window never leaks into them.
Messages about the export itself (a file that could not be written) stay in the UI's
language: they are for the clerk, not part of the document.
"""

from __future__ import annotations

from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.rules import Finding, OpeningReport, evaluate
from cchc_desktop.i18n import VIETNAMESE, Language, speaking

DOCUMENT_LANGUAGE = VIETNAMESE


def findings_in(context: ReportContext, language: Language) -> list[Finding]:
    """The report's findings worded in `language`; the context's are worded in the UI's.

    The rules take no language argument, so they are evaluated again inside `speaking`
    (this thread only): the same findings, in the document's words and numbers.
    """
    with speaking(language):
        opening = context.opening
        if opening is not None and context.opening_period is not None:
            opening = OpeningReport(context.opening_period.label, opening.values)
        return evaluate(context.template, context.report, context.figures, opening)
