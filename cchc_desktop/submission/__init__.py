"""Sending a report to the superior body: the package, the email draft, the digital signature.

    from cchc_desktop.submission.submit import submit              # all of it, for the window
    from cchc_desktop.submission.package import build_package     # folder + zip + manifest
    from cchc_desktop.submission.email_draft import write_email_draft
    from cchc_desktop.submission.signing import load_pkcs12, load_pkcs11
    from cchc_desktop.submission.verify import verify_package      # the superior unit's side
    from cchc_desktop.submission.signature_check import check_pdf_signature

Offices often email over a poor connection and the superior unit must know that what it
imports is what the commune signed: hence one zip with a manifest of SHA-256 sums, a
PAdES signature in the PDF, and an .eml draft the office mail program opens ready to send.
"""

from __future__ import annotations
