"""send and outbox: a package mailed by SMTP, and the data file's outbox listed or sent.

`send PACKAGE` builds the message from the package (refused if the package is no longer
intact), and with --db puts it in that data file's outbox first, so that the same revision is
never sent twice and a send cut off by the line is retried by `outbox --flush` or the window.
The password is read from an environment variable (--password-env) or the OS keyring, never
from the command line, where it would stay in the shell's history.

Exit codes: 0 sent (or nothing due); 1 not sent yet, will be retried (the line, a busy
server); 2 refused (bad package or option, a wrong password, a size the server refuses).
"""

from __future__ import annotations

import argparse
import os

from cchc_desktop.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from cchc_desktop.cli.common import open_store
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import parse_period_key
from cchc_desktop.i18n import _
from cchc_desktop.outbox.account import (
    ACCOUNT_SETTING,
    MailAccount,
    dump_account,
    load_account,
    parse_server,
    stored_password,
)
from cchc_desktop.outbox.mail import package_mail, split_package_mails
from cchc_desktop.outbox.runner import Attempt, flush, queue_package
from cchc_desktop.outbox.smtp_client import SendFailure, send_message
from cchc_desktop.storage.outbox import state_label


def _account(args: argparse.Namespace) -> MailAccount:
    security = "ssl" if args.ssl else "none" if args.plain else "starttls"
    host, port = parse_server(args.smtp, security)
    return MailAccount(host=host, port=port, security=security, user=args.user or "",
                       sender=args.sender, cc=args.cc or "", cafile=str(args.cafile or ""),
                       read_receipt=args.read_receipt).checked()


def _password(account: MailAccount, variable: str | None) -> str | None:
    if variable:
        if variable not in os.environ:
            raise KnownError(_("Biến môi trường {name} chưa được đặt.").format(name=variable))
        return os.environ[variable]
    return stored_password(account) if account.user else None


def _report_of(store, package) -> int:  # type: ignore[no-untyped-def]
    """The data file's report the package was made of (by its manifest's unit and period)."""
    # start-up: the package reader (pyhanko, openpyxl) only when a package is sent
    from cchc_desktop.submission.manifest import MANIFEST_NAME, parse_manifest
    from cchc_desktop.submission.verify import read_package

    manifest = parse_manifest(read_package(package).get(MANIFEST_NAME, b"{}"))
    year, kind = parse_period_key(manifest.period_key)
    found = store.find_report_id(manifest.unit_code, year, kind)
    if found is not None:
        return int(found)
    raise KnownError(_("Tệp dữ liệu không có báo cáo {period} của đơn vị {unit} mà gói này mang.")
                     .format(period=manifest.period_key, unit=manifest.unit_code))


def _print(attempts: list[Attempt]) -> int:
    code = EXIT_OK
    for attempt in attempts:
        name = _("lần gửi {revision}").format(revision=attempt.item.revision)
        if attempt.item.parts > 1:
            name += " " + _("(thư {part}/{parts})").format(part=attempt.item.part,
                                                          parts=attempt.item.parts)
        if attempt.sent:
            print(_("Đã gửi {name}: {reply}").format(name=name, reply=attempt.message))
        elif attempt.retry_at is not None:
            print(_("Chưa gửi được {name}: {reason} Sẽ thử lại lúc {time} (giờ UTC).").format(
                name=name, reason=attempt.message, time=f"{attempt.retry_at:%H:%M:%S}"))
            code = max(code, EXIT_FINDINGS)
        else:
            print(_("Không gửi được {name}: {reason}").format(name=name, reason=attempt.message))
            code = EXIT_BAD_INPUT
    return code


def send_command(args: argparse.Namespace) -> int:
    account = _account(args)
    password = _password(account, args.password_env)
    if args.sub_db is None:
        mails = (split_package_mails(args.package, account, to=args.to) if args.split
                 else [package_mail(args.package, account, to=args.to, zip_only=args.zip_only)])
        for mail in mails:
            try:
                reply = send_message(account, password, mail.data, mail.to)
            except SendFailure as failure:
                print(failure.message)
                return EXIT_FINDINGS if failure.retry else EXIT_BAD_INPUT
            print(_("Đã gửi {subject} tới {to}: {reply}").format(subject=mail.subject,
                                                                to=", ".join(mail.to), reply=reply))
        return EXIT_OK
    args.db = args.sub_db
    opened, store = open_store(args, existing=True)
    with opened:
        if args.save_account:
            store.set_setting(ACCOUNT_SETTING, dump_account(account))
        item = queue_package(store, _report_of(store, args.package), args.package, account,
                             to=args.to, zip_only=args.zip_only, split=args.split)
        print(_("Đã đưa lần gửi {revision} vào hộp thư đi.").format(revision=item.revision))
        return _print(flush(store, account, password))


def outbox_command(args: argparse.Namespace) -> int:
    args.db = args.sub_db
    opened, store = open_store(args, existing=True)
    with opened:
        code = EXIT_OK
        if args.flush:
            account = load_account(store.setting(ACCOUNT_SETTING))
            if not account.configured:
                raise KnownError(_("Chưa có tài khoản thư: dùng send --db ... --save-account, hoặc "
                                   "Công cụ > Tài khoản thư trong cửa sổ."))
            account = account.checked()
            store.recover_interrupted()
            code = _print(flush(store, account, _password(account, args.password_env)))
        _list(store.outbox_items())
        return code


def _list(items) -> None:  # type: ignore[no-untyped-def]
    if not items:
        print(_("Hộp thư đi trống."))
    for item in items:
        state = state_label(item.state)
        if item.state == "sent" and item.sent_at is not None:
            state = _("đã gửi lúc {time} (UTC)").format(time=f"{item.sent_at:%d/%m/%Y %H:%M}")
        elif item.last_error:
            state += ": " + item.last_error
        print(f"{item.subject} → {item.recipients}: {state}")
