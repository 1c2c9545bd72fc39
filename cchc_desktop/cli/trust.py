"""trust: the data file's trusted root certificates, revocation lists and pinned signers."""

from __future__ import annotations

import argparse
import sys

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import ask_password, data_location, open_store
from cchc_desktop.i18n import _
from cchc_desktop.storage.open_data import open_for_reading_at
from cchc_desktop.storage.trust_store import TrustStore


def trust_command(args: argparse.Namespace) -> int:
    """Manage the trust store of a data file; without an action, list it."""
    if args.add or args.add_crl or args.remove:
        opened, _reports = open_store(args)
        with opened:
            store = TrustStore(opened.database)
            for path in args.add:
                result = store.import_certificates(path)
                print(_("Đã thêm {count} chứng thư gốc từ {name}:").format(
                    count=len(result.added), name=path.name))
                for anchor in result.added:
                    print(f"  {anchor.fingerprint}  {anchor.subject}")
                for note in result.notes:
                    print("  " + note, file=sys.stderr)
            for path in args.add_crl:
                crl = store.import_crl(path)
                print(_("Đã nhập danh sách thu hồi của {issuer}, cập nhật ngày {day}.").format(
                    issuer=crl.issuer, day=f"{crl.this_update:%d/%m/%Y}"))
            for fp in args.remove:
                removed = store.remove_anchor(fp)
                print(_("Đã xóa chứng thư gốc {name} ({fp}).").format(name=removed.subject,
                                                                       fp=removed.fingerprint))
            if args.list:
                _print_trust(store)
        return EXIT_OK
    database = open_for_reading_at(data_location(args), ask=ask_password)
    try:
        _print_trust(TrustStore(database))
    finally:
        database.close()
    return EXIT_OK


def _print_trust(store: TrustStore) -> None:
    anchors, crls, pins = store.list_anchors(), store.list_crls(), store.list_pins()
    print(_("{n} chứng thư gốc tin cậy:").format(n=len(anchors)))
    for a in anchors:
        print(f"  {a.fingerprint}  {a.subject}  ({a.not_before:%d/%m/%Y} – {a.not_after:%d/%m/%Y})")
    if crls:
        print(_("{n} danh sách thu hồi (CRL):").format(n=len(crls)))
        for c in crls:
            print("  " + _("{issuer}, cập nhật ngày {day}").format(issuer=c.issuer,
                                                                   day=f"{c.this_update:%d/%m/%Y}"))
    else:
        print(_("Chưa nhập danh sách thu hồi (CRL): việc thu hồi chứng thư không được kiểm tra "
                "ngoại tuyến."))
    print(_("{n} đơn vị đã ghim chứng thư ký:").format(n=len(pins)))
    for p in pins:
        print(f"  {p.unit_code}  {p.fingerprint}  {p.subject}")
