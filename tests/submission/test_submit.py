"""submission/submit.py: "Gửi báo cáo" in one call — the package, then the draft carrying its zip.

The module promises `<name>/`, `<name>.zip` and `<name>.eml` written into the output folder
(made if missing), the draft addressed to the superior body and attaching exactly the zip,
the draft's size warning passed on, and a folder that cannot be made refused in Vietnamese
before anything is built.

Beside tests/submission/test_package.py (the package itself), test_email_draft.py (the
draft's wording) and test_pkcs11_softhsm.py (a package signed through submit with a token).
"""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from submission.conftest import final_context

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.submit import Submission, submit

SUPERIOR = "vanthu@snv.dongthap.gov.vn"


@pytest.fixture(scope="module")
def submitted(tmp_path_factory: pytest.TempPathFactory) -> Submission:
    return submit(final_context(), tmp_path_factory.mktemp("gui") / "nam-2026" / "quy-1", to=SUPERIOR)


def test_the_folder_its_zip_and_the_draft_are_written_side_by_side(submitted: Submission) -> None:
    package, draft = submitted.package, submitted.draft
    out = package.folder.parent
    assert out.name == "quy-1" and out.parent.name == "nam-2026"      # made, parents and all
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [package.folder.name, f"{package.folder.name}.zip", f"{package.folder.name}.eml"])
    assert package.zip_path == out / f"{package.folder.name}.zip"
    assert draft.path == out / f"{package.folder.name}.eml"


def test_the_draft_goes_to_the_superior_and_carries_the_zip_alone(submitted: Submission) -> None:
    draft = submitted.draft
    message = email.message_from_bytes(draft.path.read_bytes(), policy=policy.default)
    assert message["To"] == SUPERIOR and message["X-Unsent"] == "1"
    assert str(message["Subject"]) == "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"
    [attachment] = list(message.iter_attachments())
    zip_path = submitted.package.zip_path
    assert attachment.get_filename() == zip_path.name
    assert attachment.get_content() == zip_path.read_bytes()
    assert draft.attachments_size == zip_path.stat().st_size
    assert submitted.warning is None                   # far below 10 MB


def test_a_folder_that_cannot_be_made_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    blocker = tmp_path / "bao-cao"
    blocker.write_text("một tệp, không phải thư mục", encoding="utf-8")
    with pytest.raises(KnownError) as refused:
        submit(final_context(), blocker / "quy-1", to=SUPERIOR)
    assert refused.value.message.startswith("Không ghi được tệp ")
    assert "quy-1" in refused.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao"]
