"""A real SMTP server on 127.0.0.1 (aiosmtpd) with STARTTLS and a password, for the outbox tests.

The server keeps the messages it accepted (a 250 answer to DATA) and can be told to refuse
(552), to drop the connection in the middle of a message, or to hold a message (to kill the
sender while it waits). Nothing is mocked: the app's smtplib client talks to it over TCP and
TLS. The fixture `smtp_server` is imported by the conftests that use it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cchc_desktop.outbox.account import MailAccount

USER, PASSWORD = "vanthu@xa-my-an.gov.vn", "mật-khẩu-đúng"


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtp.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "smtp.pem", folder / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Mailbox:
    """What the server accepted, and how it answers the next message."""

    def __init__(self) -> None:
        self.accepted: list[bytes] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.answer = "250 2.0.0 Ok: queued"
        self.drop_next = False
        # Messages accepted before the server holds the next one (None: none held); a held
        # message waits for ever, as on a line gone dead, until the sender is killed.
        self.hold_from: int | None = None
        self.holding = threading.Event()    # set once a message is held

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        if self.drop_next:
            self.drop_next = False
            server.transport.close()        # the cable pulled in the middle of the message
            return "421 4.4.2 connection dropped"
        if self.hold_from is not None and len(self.accepted) >= self.hold_from:
            self.holding.set()
            while self.hold_from is not None:   # polled: the server's loop goes on meanwhile
                await asyncio.sleep(0.02)
            return "421 4.4.2 held, then dropped"
        if self.answer.startswith("250"):
            self.accepted.append(bytes(envelope.original_content))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return self.answer


def _authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == USER \
        and auth_data.password.decode() == PASSWORD
    return AuthResult(success=ok, handled=False)   # handled=False: the server answers 535


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclasses.dataclass
class SmtpServer:
    mailbox: Mailbox
    port: int
    cafile: Path
    tls: ssl.SSLContext
    controller: Controller | None = None

    def start(self) -> None:
        """A new server on the same port (a stopped controller cannot start again)."""
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port,
                                     tls_context=self.tls, require_starttls=True,
                                     authenticator=_authenticator, auth_required=True)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def account(self, **changes: object) -> MailAccount:
        base = MailAccount(host="127.0.0.1", port=self.port, security="starttls", user=USER,
                           sender="vanthu@xa-my-an.gov.vn", cc="luu@xa-my-an.gov.vn",
                           cafile=str(self.cafile))
        return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    mailbox = Mailbox()
    server = SmtpServer(mailbox, _free_port(), cert, context)
    server.start()
    yield server
    server.mailbox.hold_from = None
    server.stop()
