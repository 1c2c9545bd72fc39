"""gui/file_type_names.py: the file dialogs' "Loại" column names the app's own kinds of file
that the system's MIME database leaves in English (a JSON report, a certificate, a revocation
list) in the UI's language, by the file's extension; every other type keeps the system's name
(None). The dialogs that show the column are tested in tests/gui/test_file_dialogs.py."""

from __future__ import annotations

import pytest

from cchc_desktop import i18n
from cchc_desktop.gui.file_type_names import type_name


@pytest.mark.parametrize(("name", "shown"), [
    ("xa-my-an-2026-Q1.json", "Tài liệu JSON"),
    ("BC-CCHC_XA-MY-AN.JSON", "Tài liệu JSON"),        # the extension in capitals, as Windows keeps it
    ("chung-thu-so-tinh.cer", "Chứng thư số X.509"),
    ("thu-hoi-2026.crl", "Danh sách chứng thư bị thu hồi"),
])
def test_the_apps_own_kinds_are_named_in_vietnamese(name: str, shown: str) -> None:
    assert type_name(name) == shown


@pytest.mark.parametrize("name", ["bao-cao.pdf", "goi-bao-cao.zip", "bao-cao.xlsx",
                                  "ca-tinh.crt", "khong-duoi", ""])
def test_other_types_keep_the_systems_name(name: str) -> None:
    # .crt is application/x-x509-ca-cert, which the system's database translates itself.
    assert type_name(name) is None


def test_the_names_follow_the_interface_language() -> None:
    i18n.set_language("en")
    assert type_name("bao-cao.json") == "JSON document"
    assert type_name("thu-hoi.crl") == "Certificate revocation list"
    i18n.set_language("vi")
    assert type_name("bao-cao.json") == "Tài liệu JSON"


def test_only_the_extension_counts_not_the_name() -> None:
    # A file called "json" without an extension, or a report folder named like a file.
    assert type_name("json") is None
    assert type_name("bao-cao.json.pdf") is None
