"""exchange/fingerprint.py: the hash of a report's data, what a revision number stands for.

SHA-256 over the exchange content in canonical JSON (sorted keys, no spaces, UTF-8 as it
is), leaving out how the content travels: the revision, the status and the app's version.
Any change of content changes it. Beside tests/exchange/test_rich_exchange.py (an old file
and its formatted copy hash alike) and tests/test_cli_scenario.py (the manifests' hashes).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from decimal import Decimal

from factories import make_report, template

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.exchange.fingerprint import canonical_bytes, data_sha256, report_data
from cchc_desktop.exchange.json_format import report_to_dict

REPORT = make_report({"cddh.kh.tong": 66, "cddh.kh.hoan_thanh": 42},
                     texts={"cddh": "Ủy ban nhân dân xã đạt 63,64%."})


def test_the_data_leaves_out_how_the_report_travels() -> None:
    full = report_to_dict(REPORT, template())
    assert {"revision", "status", "app_version"} <= set(full)
    data = report_data(REPORT, template())
    assert set(full) - set(data) == {"revision", "status", "app_version"}
    assert data["template"] == "cchc-2021@1"


def test_canonical_bytes_are_sorted_compact_utf8() -> None:
    raw = canonical_bytes(REPORT, template())
    assert b": " not in raw and b", " not in raw
    assert "Ủy ban nhân dân xã đạt 63,64%.".encode() in raw        # not \u escapes
    assert list(json.loads(raw)) == sorted(report_data(REPORT, template()))
    assert data_sha256(REPORT, template()) == hashlib.sha256(raw).hexdigest()


def test_revision_and_status_keep_the_hash_a_changed_figure_or_text_does_not() -> None:
    digest = data_sha256(REPORT, template())
    sent = dataclasses.replace(REPORT, revision=3, status=ReportStatus.SUBMITTED)
    assert data_sha256(sent, template()) == digest
    changed = dataclasses.replace(REPORT, values={**REPORT.values,
                                                  "cddh.kh.hoan_thanh": Decimal(43)})
    assert data_sha256(changed, template()) != digest
    retitled = dataclasses.replace(REPORT, texts={"cddh": "Ủy ban nhân dân xã đạt 63,65%."})
    assert data_sha256(retitled, template()) != digest
