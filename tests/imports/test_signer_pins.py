"""imports/signer_pins.py: offering to pin a unit's signing certificate, pinning on a yes.

The module promises one offer per unit that has no pin yet (an unsigned arrival, or a unit
already pinned, same certificate or another, offers nothing), a Vietnamese question naming
the unit and the signer, and pins written only by accept_offers, each to the data file.

Beside tests/submission/test_signer_pins.py, which goes through a real consolidation and
the `verify --pin-signer` command line; here the certificates are made on the spot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from submission.trust_pki import Authority, make_ca, make_signer

from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.imports.signer_pins import SignedArrival, accept_offers, pin_offers
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.trust_store import TrustStore


@pytest.fixture(scope="module")
def signers() -> tuple[Authority, Authority]:
    ca = make_ca()
    return make_signer(ca, "Nguyễn Văn Bình"), make_signer(ca, "Trần Thị Cúc")


@pytest.fixture
def trust(data_file: Path) -> TrustStore:
    return TrustStore(Database.open(data_file))


def _der(signer: Authority) -> bytes:
    return signer.cert.public_bytes(Encoding.DER)


def test_each_unpinned_unit_is_offered_once_in_the_order_it_arrived(
        trust: TrustStore, signers: tuple[Authority, Authority]) -> None:
    binh, cuc = signers
    offers = pin_offers(trust, [SignedArrival("xa-b", "UBND xã B", _der(cuc)),
                                SignedArrival("xa-a", "UBND xã A", _der(binh)),
                                SignedArrival("xa-b", "UBND xã B", _der(binh)),   # the first counts
                                SignedArrival("xa-c", "UBND xã C", b"")])         # unsigned
    assert [(o.unit_code, o.signer, o.certificate_der) for o in offers] == [
        ("xa-b", "Trần Thị Cúc, Ủy ban nhân dân xã Mỹ An", _der(cuc)),
        ("xa-a", "Nguyễn Văn Bình, Ủy ban nhân dân xã Mỹ An", _der(binh))]
    assert offers[0].question == ("UBND xã B: ghim chứng thư của Trần Thị Cúc, Ủy ban nhân dân xã "
                                  "Mỹ An làm chứng thư ký của đơn vị?")
    assert offers[0].decision.state == "new" and offers[0].decision.old_fingerprint is None
    assert offers[0].decision.new_fingerprint == fingerprint(cuc.cert)
    assert trust.list_pins() == []                               # offering pins nothing


def test_without_a_name_the_question_names_the_units_code(
        trust: TrustStore, signers: tuple[Authority, Authority]) -> None:
    [offer] = pin_offers(trust, [SignedArrival("28066", "", _der(signers[0]))])
    assert offer.question.startswith("28066: ghim chứng thư của Nguyễn Văn Bình")


def test_a_yes_pins_each_offer_and_a_pinned_unit_is_never_offered_again(
        trust: TrustStore, signers: tuple[Authority, Authority]) -> None:
    binh, cuc = signers
    offers = pin_offers(trust, [SignedArrival("xa-a", "UBND xã A", _der(binh)),
                                SignedArrival("xa-b", "UBND xã B", _der(cuc))])
    pins = accept_offers(trust, offers)
    assert [(p.unit_code, p.fingerprint) for p in pins] == [
        ("xa-a", fingerprint(binh.cert)), ("xa-b", fingerprint(cuc.cert))]
    assert trust.policy().pinned == {"xa-a": fingerprint(binh.cert), "xa-b": fingerprint(cuc.cert)}
    # The same certificate needs nothing; another one is the check's warning, not a new pin.
    assert pin_offers(trust, [SignedArrival("xa-a", "UBND xã A", _der(binh)),
                              SignedArrival("xa-b", "UBND xã B", _der(binh))]) == []
    assert accept_offers(trust, []) == []
