"""The hash of a report's data: what a package's revision number stands for.

Two packages of one report carry the same revision only if their data hash is the same.
The hash is SHA-256 over the exchange content in canonical JSON (sorted keys, no spaces),
without what says how the content travels rather than what it is: the revision itself,
the status, and the version of the app that wrote it. The manifest records it
(`data_sha256`), so the superior unit can recompute it from the JSON or workbook it
received.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.exchange.json_format import report_to_dict

_NOT_DATA = ("revision", "status", "app_version")


def report_data(report: Report, template: Template) -> dict[str, Any]:
    data = report_to_dict(report, template)
    for key in _NOT_DATA:
        data.pop(key, None)
    return data


def canonical_bytes(report: Report, template: Template) -> bytes:
    return json.dumps(report_data(report, template), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def data_sha256(report: Report, template: Template) -> str:
    return hashlib.sha256(canonical_bytes(report, template)).hexdigest()
