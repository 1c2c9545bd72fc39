"""Offering to pin a unit's signing certificate on its first signed package.

Most communes sign with a certificate the province cannot chain to an anchor it holds (a
token whose CA root was never imported, or a self-signed test certificate). Pinning turns
"intact but not proven" into something a reviewer can rely on the next time: a later
package of the same unit signed by another certificate is a warning that names both
(submission/signature_check.py reads the pins). Nothing is pinned without the reviewer's
yes; the window and the command line ask through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cryptography import x509

from cchc_desktop.i18n import _
from cchc_desktop.storage.trust_store import PinInfo, PinResult, TrustStore, display_name, pin_decision


@dataclass(frozen=True)
class SignedArrival:
    """A package that came in with an intact signature: who it claims to be, who signed it."""

    unit_code: str
    unit_name: str
    certificate_der: bytes


@dataclass(frozen=True)
class PinOffer:
    unit_code: str
    unit_name: str
    certificate_der: bytes
    signer: str                 # the certificate's common name and organisation
    decision: PinResult         # always "new": the unit has no pin yet

    @property
    def question(self) -> str:
        return _("{unit}: ghim chứng thư của {signer} làm chứng thư ký của đơn vị?").format(
            unit=self.unit_name or self.unit_code, signer=self.signer)


def pin_offers(store: TrustStore, arrivals: Iterable[SignedArrival]) -> list[PinOffer]:
    """The units among `arrivals` that have no pinned certificate yet, once each.

    A unit already pinned is not offered again: the same certificate needs nothing, and
    another one is already a warning in the package's check, not a silent replacement.
    """
    offers: dict[str, PinOffer] = {}
    for arrival in arrivals:
        if not arrival.certificate_der or arrival.unit_code in offers:
            continue
        certificate = x509.load_der_x509_certificate(arrival.certificate_der)
        decision = pin_decision(store, arrival.unit_code, certificate)
        if decision.state == "new":
            offers[arrival.unit_code] = PinOffer(arrival.unit_code, arrival.unit_name,
                                                 arrival.certificate_der,
                                                 display_name(certificate.subject), decision)
    return list(offers.values())


def accept_offers(store: TrustStore, offers: Iterable[PinOffer]) -> list[PinInfo]:
    """Pin every offered certificate (the reviewer said yes); each pin lands in the history."""
    return [store.pin(offer.unit_code, x509.load_der_x509_certificate(offer.certificate_der))
            for offer in offers]
