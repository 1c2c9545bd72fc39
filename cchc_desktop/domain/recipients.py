"""The "Nơi nhận" list: what the clerk typed, cleaned, and the lines the decree prints.

Clerks copy the list from last year's Word file, so lines arrive with or without the
leading "- " and the closing ";" or "."; some add "- Lưu: VT." themselves, some do not.
The report stores each recipient once, bare ("UBND tỉnh Đồng Tháp"), with the filing line
("Lưu: VT, ...") last if the clerk wrote one; the document adds the dashes, the
semicolons and the filing line (Decree 30/2020/NĐ-CP, Appendix I) exactly once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from cchc_desktop.i18n import _

_LEAD = re.compile(r"^[\s\-–—•·∙+*]+")
_TRAIL = re.compile(r"[\s;.,/]+$")
# "Lưu: VT, VP", "Lưu VT", "Luu: VP": the filing line, not a recipient called "Lưu trữ ...".
_KEEP = re.compile(r"^luu(\s*:|\s+vt\b|$)")
KEEP_PREFIX = "Lưu: "   # the clerk's own text, in the report's language: not translated


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without tone marks or extra spaces: "UBND Tỉnh  Đồng Tháp" ~ "ubnd tinh dong thap"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def clean_recipient(line: str) -> str:
    """One recipient as stored: no bullet before it, no ";" or "." after it, single spaces."""
    text = " ".join(_nfc(line).split())
    text = _LEAD.sub("", text)
    return _TRAIL.sub("", text)


def _keep_line(text: str) -> str | None:
    """"Lưu: VT, VP" in the decree's spelling if `text` is the filing line, else None."""
    if _KEEP.match(fold(text)) is None:
        return None
    # Cut the original text, not the folded one: the offsets of the two may differ.
    rest = text.split(":", 1)[1] if ":" in text else text.partition(" ")[2]
    return KEEP_PREFIX + (rest.strip() or "VT")


def split_recipients(lines: Iterable[str]) -> tuple[list[str], str | None]:
    """The recipients, each once in the order typed, and the clerk's filing line if any.

    Duplicates are found without regard to case, tone marks or spacing and the first
    spelling is kept; only the first filing line counts.
    """
    recipients: list[str] = []
    seen: set[str] = set()
    keep: str | None = None
    for raw in lines:
        for line in str(raw).splitlines() or [""]:
            text = clean_recipient(line)
            if not text:
                continue
            filing = _keep_line(text)
            if filing is not None:
                keep = keep or filing
                continue
            key = fold(text)
            if key not in seen:
                seen.add(key)
                recipients.append(text)
    return recipients, keep


def normalize_recipients(lines: Iterable[str]) -> list[str]:
    """What the report stores: the bare recipients, the clerk's filing line (if any) last."""
    recipients, keep = split_recipients(lines)
    return recipients + ([keep] if keep else [])


def recipient_lines_for_pdf(recipients: Iterable[str], keep_line_default: str | None = None) -> list[str]:
    """The printed list: "- X;" for each recipient, then "- Lưu: VT, ...." once, last."""
    names, keep = split_recipients(recipients)
    filing = keep or keep_line_default or _("Lưu: VT")
    return [f"- {name};" for name in names] + [f"- {filing}."]
