"""verify: a package received from a subordinate unit, intact, signed, and by whom."""

from __future__ import annotations

import argparse
import json
import sys
from types import MappingProxyType

from cchc_desktop.addresses import DataLocation
from cchc_desktop.cli.common import ask_password, open_store, shipped_registry
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.trust_policy import TrustPolicy, load_pem_bundle
from cchc_desktop.i18n import _
from cchc_desktop.storage.trust_files import anchor_problem
from cchc_desktop.submission.verify import Outcome, verify_package


def verify_command(args: argparse.Namespace) -> int:
    """Exit 0 valid and trusted, or unsigned (said so); 1 intact, signer not trusted; 2 invalid."""
    anchors: list = []  # type: ignore[type-arg]
    crls: list = []  # type: ignore[type-arg]
    for path in [*args.trust, *args.crl]:
        certificates, lists = load_pem_bundle(path)
        for certificate in certificates:
            # As the trust store does: a signer's own certificate given as an anchor would make
            # any package it signed "valid and trusted" (a unit may well send it along).
            problem = anchor_problem(certificate)
            if problem is not None:
                raise KnownError(_("Không dùng tệp {name}: {problem}").format(name=path.name,
                                                                          problem=problem))
        anchors += certificates
        crls += lists
    pinned: dict[str, str] = {}
    for item in args.pin:
        unit, sep, value = item.partition("=")
        if not sep or not unit or not value:
            raise KnownError(_("--pin cần dạng MÃ=SHA256, ví dụ xa-my-an=3f2a..."))
        pinned[unit] = value.strip().lower().replace(":", "")
    policy = TrustPolicy(tuple(anchors), tuple(crls), MappingProxyType(pinned))
    if args.pin_signer and not args.sub_db:
        raise KnownError(_("--pin-signer cần --db: chứng thư được ghim vào kho của một tệp dữ liệu."))
    if args.sub_db:
        policy = _stored_policy(args.sub_db).merged(policy)
    try:
        check = verify_package(args.package, trust=policy, registry=shipped_registry())
    except KnownError as exc:    # not even a package: unreadable is invalid
        if args.format == "json":
            print(json.dumps({"outcome": Outcome.INVALID.value, "exit_code": Outcome.INVALID.exit_code,
                              "statement": Outcome.INVALID.statement, "problems": [exc.message],
                              "warnings": [], "notes": [], "signer": {}}, ensure_ascii=False, indent=2))
        else:
            print(exc.message, file=sys.stderr)
            print(Outcome.INVALID.statement)
        return Outcome.INVALID.exit_code
    pinned_now = _pin_signer(args, check) if args.pin_signer else None
    if args.format == "json":
        shown = check.as_json()
        if args.pin_signer:
            shown["pinned"] = pinned_now
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        for line in check.lines:
            print(line)
        if pinned_now:
            print(pinned_now)
    return check.outcome.exit_code


def _stored_policy(location: DataLocation):  # type: ignore[no-untyped-def]
    # the database (sqlalchemy): only with --db
    from cchc_desktop.storage.open_data import open_for_reading_at
    from cchc_desktop.storage.trust_store import TrustStore

    database = open_for_reading_at(location, ask=ask_password)
    try:
        return TrustStore(database).policy()
    finally:
        database.close()


def _pin_signer(args: argparse.Namespace, check) -> str:  # type: ignore[no-untyped-def]
    """--pin-signer: pin the signer's certificate if the unit has none; the sentence said."""
    # the database (sqlalchemy): only with --pin-signer
    from cchc_desktop.imports.signer_pins import SignedArrival, accept_offers, pin_offers
    from cchc_desktop.storage.trust_store import TrustStore, short_fingerprint

    certificate = check.signature.certificate_der
    if check.outcome is Outcome.INVALID or not certificate:
        return _("Không ghim: gói không có chữ ký số nguyên vẹn.")
    opened, _store = open_store(args)
    with opened:
        trust = TrustStore(opened.database)
        offers = pin_offers(trust, [SignedArrival(check.manifest.unit_code, check.manifest.unit_name,
                                                  certificate)])
        if not offers:
            return _("Không ghim: đơn vị {unit} đã có chứng thư được ghim.").format(
                unit=check.manifest.unit_code)
        pin = accept_offers(trust, offers)[0]
    return _("Đã ghim chứng thư {subject} ({fp}) làm chứng thư ký của đơn vị {unit}.").format(
        subject=pin.subject, fp=short_fingerprint(pin.fingerprint), unit=pin.unit_code)
