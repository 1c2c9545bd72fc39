"""The errors each figure's field shows, and the figures an error leads to.

An error names figures; a computed one (a total, a rate) stands for the typed figures it is made
of. The figures at fault are the typed ones an error involves, those holding a value first:
"Số hồ sơ tiếp nhận (10) khác tổng đã giải quyết... (13)" is about the records received and
resolved the clerk typed, not about "Rút hồ sơ", the one typed figure the rule lists, left
empty. Double-clicking the finding leads to the first of them (ReportPages.jump_to), and the
fields marked are those holding a value (all of them when none does); a computed figure the
error names shows it in its own tone.

Every field of every page built asks after each recomputation (each keystroke), so the
index of the findings by figure is made once per context and shared; a field compares
with what it shows and restyles only when its own errors changed.
"""

from __future__ import annotations

from cchc_desktop.domain.findings import Finding, Severity, finding_text
from cchc_desktop.gui.session import ReportSession

_index: tuple[object, dict[str, tuple[Finding, ...]]] | None = None


def figures_at_fault(finding: Finding, session: ReportSession) -> list[str]:
    """The typed figures `finding` involves, best first: in the order it names them, each
    computed one replaced by the typed figures it is made of (depth first, those holding a
    value first), only those shown for the unit's level."""
    indicators = session.template.indicators

    def typed(code: str, seen: set[str]) -> list[str]:
        if code in seen or code not in indicators:
            return []
        seen.add(code)
        indicator = indicators[code]
        if not session.indicator_shown(indicator):
            return []
        if not indicator.derived:
            return [code]
        return [c for part in indicator.inputs for c in typed(part, seen)]

    ordered: list[str] = []
    for code in finding.codes:
        inputs = typed(code, set())
        filled = [c for c in inputs if session.value(c) is not None]
        ordered += [c for c in dict.fromkeys(filled + inputs) if c not in ordered]
    return ordered


def _marked(finding: Finding, session: ReportSession) -> list[str]:
    """The figures whose fields show `finding`: the computed ones it names, and the typed
    figures at fault that hold a value (all of them when none does)."""
    indicators = session.template.indicators
    computed = [code for code in finding.codes
                if code not in indicators or indicators[code].derived]
    at_fault = figures_at_fault(finding, session)
    filled = [code for code in at_fault if session.value(code) is not None]
    return computed + (filled or at_fault)


def errors_naming(session: ReportSession, code: str) -> tuple[Finding, ...]:
    """The error findings of the session's current figures that `code`'s field shows."""
    global _index
    context = session.context
    if _index is None or _index[0] is not context:
        named: dict[str, list[Finding]] = {}
        for finding in context.findings:
            if finding.severity is Severity.ERROR:
                for named_code in dict.fromkeys(_marked(finding, session)):
                    named.setdefault(named_code, []).append(finding)
        _index = (context, {key: tuple(found) for key, found in named.items()})
    return _index[1].get(code, ())


def errors_tooltip(errors: tuple[Finding, ...], usual: str) -> str:
    """The errors' sentences, one a line, then the field's usual tooltip."""
    if not errors:
        return usual
    lines = "\n".join(finding_text(finding) for finding in errors)
    return f"{lines}\n\n{usual}" if usual else lines
