"""The command line on a server: --db postgresql://..., what only a file has refused in
Vietnamese, the password found, asked or refused but never shown."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report
from postgres_server import PASSWORD, PASSWORD_USER, Server, start_server

from cchc_desktop.addresses import parse_server
from cchc_desktop.cli import main
from cchc_desktop.storage import server_backups
from cchc_desktop.storage.database import DataFileError
from cchc_desktop.storage.errors import StorageWriteError
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import KEYRING_SERVICE, connect, open_server


def test_import_and_status_on_the_server(postgres_head_url: str, sample_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", postgres_head_url, "import", str(sample_path)]) == 0
    assert postgres_head_url in capsys.readouterr().out
    assert main(["status", "--db", postgres_head_url, "--unit", "xa-my-an", "--period",
                 "2026-Q1"]) == 0
    assert "Dự thảo" in capsys.readouterr().out
    assert main(["--db", postgres_head_url, "status", "--unit", "xa-my-an", "--period", "2026-Q1",
                 "--set", "final"]) == 0
    said = capsys.readouterr()
    assert "Hoàn thành" in said.out and said.err == "", "a restore point taken, nothing to say"
    assert main(["--db", postgres_head_url, "import", str(sample_path)]) == 2
    assert "đã có báo cáo" in capsys.readouterr().err
    # The restore point pg_dump took before the status change, listed for the server.
    assert main(["backups", "--db", postgres_head_url]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith(f"1 bản sao lưu của {postgres_head_url}")
    assert "Trước khi" in listing and ".dump" in listing


def test_no_restore_point_on_a_server_without_pg_dump_is_said(
        postgres_head_url: str, sample_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", postgres_head_url, "import", str(sample_path)]) == 0
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(server_backups, "_bin_folders", lambda: [])
    assert main(["--db", postgres_head_url, "status", "--unit", "xa-my-an", "--period", "2026-Q1",
                 "--set", "final"]) == 0
    said = capsys.readouterr().err
    assert "không có pg_dump nên không có điểm khôi phục" in said and "postgresql-client" in said
    assert main(["backups", "--db", postgres_head_url]) == 0
    assert capsys.readouterr().out.startswith("Chưa có bản sao lưu nào của postgresql://")


def test_a_server_that_is_not_there_is_said_so(postgres_server: Server,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    gone = postgres_server.url("khong_co_csdl_nay")
    assert main(["--db", gone, "status", "--period", "2026-Q1"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("Không kết nối được máy chủ dữ liệu postgresql://") and "khong_co" in said


def test_a_refused_login_asks_once_for_the_password(postgres_server: Server,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    address = parse_server(postgres_server.url("postgres", PASSWORD_USER))
    prompts: list[str] = []

    def typed(prompt: str) -> str:
        prompts.append(prompt)
        return PASSWORD

    database = connect(address, ask=typed)
    database.close()
    assert prompts == [f"Mật khẩu của {PASSWORD_USER} trên máy chủ {address.masked()}: "]
    with pytest.raises(DataFileError, match="thiếu hoặc sai mật khẩu") as refused:
        connect(address, ask=lambda _prompt: "sai")
    assert "sai" not in refused.value.message.replace("thiếu hoặc sai", "")


def test_a_server_stopped_during_the_work_is_a_known_error(postgres_server: Server) -> None:
    """A server of the test's own (the session's one says whether one can start here),
    stopped between two edits: the clerk's sentence, not a crash."""
    server = start_server()
    try:
        store = ReportStore(open_server(parse_server(server.create_database("cchc"))))
        report_id = store.save_report(sample_report())
        server.stop()
        with pytest.raises(StorageWriteError, match="Mất kết nối tới máy chủ dữ liệu"):
            store.set_value(report_id, "cddh.kh.tong", Decimal(70))
        store.database.close()
    finally:
        server.stop()


def test_the_password_kept_in_the_os_keyring_is_used(postgres_server: Server,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend  # the optional package, as the app imports it

    class MemoryKeyring(KeyringBackend):
        """A keyring backend as the OS's would be, kept in this process for the test."""

        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    monkeypatch.delenv("PGPASSWORD", raising=False)
    address = parse_server(postgres_server.url("postgres", PASSWORD_USER))
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        with pytest.raises(DataFileError, match="kho khóa của hệ điều hành"):
            connect(address)
        keyring.set_password(KEYRING_SERVICE, address.keyring_name(), PASSWORD)
        connect(address).close()
        assert memory.entries == {(KEYRING_SERVICE, f"{PASSWORD_USER}@127.0.0.1:"
                                   f"{postgres_server.port}/postgres"): PASSWORD}
    finally:
        keyring.set_keyring(previous)
