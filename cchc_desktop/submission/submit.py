"""One call for "Gửi báo cáo": the package, then the email draft that carries its zip.

The window and the command line both go through here, so they produce the same files.
Long-running (a signed PDF takes a second or two): run it off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.documents.trends_pdf import TrendSource
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.fileio import describe_os_error
from cchc_desktop.submission.email_draft import EmailDraft, write_email_draft
from cchc_desktop.submission.package import SubmissionPackage, build_package
from cchc_desktop.submission.signing import SigningKey


@dataclass(frozen=True)
class Submission:
    package: SubmissionPackage
    draft: EmailDraft

    @property
    def warning(self) -> str | None:
        """Vietnamese; set when the attachments are too big for most mailboxes."""
        return self.draft.warning


def submit(context: ReportContext, out_dir: Path, *, key: SigningKey | None = None, to: str = "",
           now: dt.datetime | None = None, trends: TrendSource | None = None) -> Submission:
    """Write `<name>/`, `<name>.zip` and `<name>.eml` into `out_dir` (created if missing).

    `to` is the superior body's address (OwnUnit.superior_email); empty leaves the draft's
    To: for the clerk. `key` (load_pkcs12 / load_pkcs11) signs the PDF; the caller closes it.
    `trends` appends the trends annex to the PDF (build_package).
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError(describe_os_error(out_dir, exc)) from exc
    package = build_package(context, out_dir, key=key, now=now, trends=trends)
    draft = write_email_draft(context.report, [package.zip_path],
                              out_dir / f"{package.folder.name}.eml", to=to, signed=package.signed)
    return Submission(package, draft)
