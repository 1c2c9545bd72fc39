"""What the dialogs may ask of the data file beyond the open report, as small objects the
report controller hands out (ReportController.unit_settings, .consolidation, .trust).

No widgets and no Qt. The dialogs know these objects only, never the store
(tests/gui/test_store_access.py): the store can change behind this module, the controller
and the session without a dialog noticing. Each object offers what its dialogs use:

- UnitSettings: the own unit, its subordinate units, the units an upgrade left to settle,
  the data file's settings (first run, Cài đặt, the question after an upgrade);
- Consolidation: the checks, the sums and the board of one consolidating report
  (Báo cáo > Tổng hợp đơn vị trực thuộc), and the pins offered after it;
- MailOutbox: the mail account and the outbox (Báo cáo > Gửi báo cáo, Hộp thư đi);
- TrustRecords: the trust store's rules as the trust dialog uses them. The TrustStore
  itself is handed out (typed by this Protocol): it already is the one door to those rules,
  shared with the command line, so a wrapper would only repeat it.

The storage layer brings SQLAlchemy, which loads after the window is shown: it is imported
here only where first needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.units import Unit

if TYPE_CHECKING:
    from cchc_desktop.domain.unit_board import UnitBoard
    from cchc_desktop.imports.signer_pins import PinOffer, SignedArrival
    from cchc_desktop.imports.subordinates import BoardRow, ConsolidationPreview, Incoming
    from cchc_desktop.outbox.account import MailAccount
    from cchc_desktop.outbox.runner import Attempt
    from cchc_desktop.storage.outbox import OutboxItem
    from cchc_desktop.storage.repository import OwnUnit, ReportStore
    from cchc_desktop.storage.trust_store import AnchorImport, AnchorInfo, CrlInfo, PinInfo, TrustStore
    from cchc_desktop.storage.unit_codes import UnresolvedUnit


class UnitSettings:
    """The data file's units and settings, as the first run and Cài đặt edit them."""

    def __init__(self, store: ReportStore) -> None:
        self._store = store

    def own_unit(self) -> OwnUnit | None:
        return self._store.own_unit()

    @staticmethod
    def make_own_unit(*, code: str, name: str, level: str, **details: str) -> OwnUnit:
        """The own unit the form describes (`details`: kind, place, signer_name, ...)."""
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.storage.repository import OwnUnit

        return OwnUnit(code=code, name=name, level=level, **details)

    def save_own_unit(self, own: OwnUnit) -> None:
        self._store.save_own_unit(own)

    def subordinate_units(self) -> list[Unit]:
        return self._store.subordinate_units()

    def set_subordinate_units(self, units: Sequence[Unit]) -> None:
        self._store.set_subordinate_units(units)

    def unresolved_units(self) -> list[UnresolvedUnit]:
        """Units an upgraded data file could not match to the official list."""
        return self._store.unresolved_units()

    def settle_unit_code(self, code: str, official_code: str | None) -> None:
        self._store.settle_unit_code(code, official_code)

    # Also what submission/appearance_settings.py reads and writes the signing set-up through.
    def setting(self, key: str, default: str = "") -> str:
        return self._store.setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self._store.set_setting(key, value)


class Consolidation:
    """Report `report_id`, of the own unit, summing its subordinate units' files.

    The checks and the sums are cchc_desktop.imports.subordinates'; the dialog runs them off
    the GUI thread, so each method does one piece of work on the data file and returns.
    """

    def __init__(self, store: ReportStore, report_id: int) -> None:
        self._store = store
        self.report_id = report_id

    def report(self) -> Report:
        return self._store.load_report(self.report_id)

    def template(self, template_ref: str) -> Template:
        return self._store.registry.get(template_ref)

    def setting(self, key: str, default: str = "") -> str:
        return self._store.setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self._store.set_setting(key, value)

    def prepare(self, paths: Sequence[Path]) -> ConsolidationPreview:
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.imports.subordinates import prepare_consolidation

        return prepare_consolidation(self._store, self.report_id, paths)

    def apply(self, preview: ConsolidationPreview, *, replace_codes: set[str],
              visible_choices: Mapping[str, set[str]]) -> list[Incoming]:
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.imports.subordinates import apply_consolidation

        return apply_consolidation(self._store, preview, replace_codes=replace_codes,
                                   visible_choices=visible_choices)

    def board(self) -> list[BoardRow]:
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.imports.subordinates import board

        return board(self._store, self.report_id)

    def rate_board(self, rows: Sequence[BoardRow] | None = None) -> UnitBoard:
        """The units' main rates against their targets (Bảng tổng hợp tỷ lệ các đơn vị),
        from the board's `rows` when the dialog already has them."""
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.imports.subordinates import rate_board

        return rate_board(self._store, self.report_id, rows)

    def board_file_name(self, suffix: str) -> str:
        """'BANG-TY-LE_snv-thu_2026-Q3.pdf': the report's export name, another prefix."""
        # start-up: the documents package loads with the first export
        from cchc_desktop.documents import FILE_PREFIX, export_file_name

        return export_file_name(self.report(), suffix).replace(FILE_PREFIX, "BANG-TY-LE", 1)

    def write_board(self, board: UnitBoard, kind: str, path: Path) -> None:
        """Write the board as a PDF ('pdf') or a workbook ('xlsx'), in Vietnamese (off the
        GUI thread: ReportLab and openpyxl). Never over the data file (KnownError)."""
        # start-up: as the documents below
        from cchc_desktop.fileio import check_output

        database = self._store.database
        check_output(path, inputs=[] if database.is_server else [Path(database.path)])
        if kind == "pdf":
            # start-up: ReportLab loads when the clerk first exports
            from cchc_desktop.documents.unit_board_pdf import write_board_pdf

            write_board_pdf(board, self.report(), path)
            return
        # start-up: openpyxl (~0.3 s) loads only when a workbook is written
        from cchc_desktop.documents.unit_board_workbook import write_board_workbook

        write_board_workbook(board, path, precision=self.report().precision)

    # ------------------------------------------------------------------ signers' certificates
    def pin_offers(self, arrivals: Iterable[SignedArrival]) -> list[PinOffer]:
        """The units among `arrivals` signing for the first time, whose certificate may be pinned."""
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.imports.signer_pins import pin_offers

        return pin_offers(self._trust(), arrivals)

    def pin(self, offers: Iterable[PinOffer]) -> list[PinInfo]:
        """Pin the offered certificates (the reviewer said yes)."""
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.imports.signer_pins import accept_offers

        return accept_offers(self._trust(), offers)

    def _trust(self) -> TrustStore:
        # start-up: storage (SQLAlchemy) loads after the window shows
        from cchc_desktop.storage.trust_store import TrustStore

        return TrustStore(self._store.database)


class TrustRecords(Protocol):
    """The trust store as Công cụ > Chứng thư tin cậy uses it (storage/trust_store.TrustStore)."""

    def list_anchors(self) -> list[AnchorInfo]: ...

    def list_crls(self) -> list[CrlInfo]: ...

    def list_pins(self) -> list[PinInfo]: ...

    def import_certificates(self, path: Path, label: str = "") -> AnchorImport: ...

    def remove_anchor(self, fp: str) -> AnchorInfo: ...

    def import_crl(self, path: Path) -> CrlInfo: ...

    def unpin(self, unit_code: str) -> bool: ...


class MailOutbox:
    """The outbox and the mail account of the data file (Báo cáo > Gửi báo cáo, Hộp thư đi,
    Công cụ > Tài khoản thư): the rules are in cchc_desktop.outbox and storage/outbox.py."""

    def __init__(self, store: ReportStore) -> None:
        self.store = store

    @property
    def sends(self) -> bool:
        """False for a viewer's login (storage/server.py): each claim of an item is a write
        the server refuses, and the clerks' apps send their mail."""
        return self.store.database.read_only_login() is None

    def account(self) -> MailAccount:
        # Start-up time: the outbox's modules load when mail is first used.
        from cchc_desktop.outbox.account import ACCOUNT_SETTING, load_account

        return load_account(self.store.setting(ACCOUNT_SETTING))

    def save_account(self, account: MailAccount) -> None:
        # As above: only when the account is saved.
        from cchc_desktop.outbox.account import ACCOUNT_SETTING, dump_account

        self.store.set_setting(ACCOUNT_SETTING, dump_account(account.checked()))

    def items(self, report_id: int | None = None) -> list[OutboxItem]:
        return self.store.outbox_items(report_id)

    def message(self, item_id: int) -> bytes:
        return self.store.outbox_message(item_id)

    def queue(self, report_id: int, package: Path, *, to: str, zip_only: bool = False,
              split: bool = False) -> OutboxItem:
        # As above: the package's checks load pyhanko and openpyxl only when a report is sent.
        from cchc_desktop.outbox.runner import queue_package

        return queue_package(self.store, report_id, package, self.account(), to=to, zip_only=zip_only,
                             split=split)

    def due(self) -> bool:
        """Something to send now (asked every 30 s on the GUI thread: storage only, no mail module)."""
        # As above: storage's clock, which the data file's times are in.
        from cchc_desktop.storage.models import utcnow

        return bool(self.store.due_items(utcnow()))

    def flush(self, password: str | None) -> list[Attempt]:
        """Send what is due (run it off the GUI thread: it waits on the network)."""
        # As above.
        from cchc_desktop.outbox.runner import flush

        return flush(self.store, self.account().checked(), password)

    def requeue(self, item_id: int) -> None:
        self.store.requeue(item_id)

    def requeue_now(self, item_id: int) -> None:
        """A waiting item's next try brought to now ("Gửi ngay": the line is back)."""
        # As above.
        from cchc_desktop.storage.models import utcnow

        self.store.bring_forward(item_id, utcnow())

    def recover_interrupted(self) -> int:
        return self.store.recover_interrupted()
