"""The errors each figure's field shows: the findings of severity error that name it.

Every field of every page built asks after each recomputation (each keystroke), so the
index of the findings by figure is made once per context and shared; a field compares
with what it shows and restyles only when its own errors changed.
"""

from __future__ import annotations

from cchc_desktop.domain.findings import Finding, Severity, finding_text
from cchc_desktop.gui.session import ReportSession

_index: tuple[object, dict[str, tuple[Finding, ...]]] | None = None


def errors_naming(session: ReportSession, code: str) -> tuple[Finding, ...]:
    """The error findings of the session's current figures that name `code`."""
    global _index
    context = session.context
    if _index is None or _index[0] is not context:
        named: dict[str, list[Finding]] = {}
        for finding in context.findings:
            if finding.severity is Severity.ERROR:
                for named_code in dict.fromkeys(finding.codes):
                    named.setdefault(named_code, []).append(finding)
        _index = (context, {key: tuple(found) for key, found in named.items()})
    return _index[1].get(code, ())


def errors_tooltip(errors: tuple[Finding, ...], usual: str) -> str:
    """The errors' sentences, one a line, then the field's usual tooltip."""
    if not errors:
        return usual
    lines = "\n".join(finding_text(finding) for finding in errors)
    return f"{lines}\n\n{usual}" if usual else lines
