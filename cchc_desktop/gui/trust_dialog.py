"""Công cụ > Chứng thư tin cậy...: the province's trusted roots, revocation lists and pins.

Everything is written through storage/trust_store.py, so the window and the command line
(`cchc-desktop trust`) obey the same rules; this dialog only shows and asks. The report
controller hands it the trust store (ReportController.trust, typed by gui/services.TrustRecords).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.trust_policy import short_fingerprint
from cchc_desktop.gui.designer.ui_trust_dialog import Ui_TrustDialog
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.services import TrustRecords

CERT_FILTER = "*.pem *.crt *.cer *.der *.p7b *.p7c"
CRL_FILTER = "*.crl *.pem *.der"


def _day(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y")


class TrustDialog(QDialog):
    """The trust store of the open data file: anchors, CRLs, pinned units (ui/trust_dialog.ui)."""

    def __init__(self, trust: TrustRecords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TrustDialog()
        self.ui.setupUi(self)
        self.trust = trust
        self.anchors = self.ui.anchorsTable
        self.pins = self.ui.pinsTable
        for table in (self.anchors, self.pins):   # a header's resize mode is not a Designer property
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.btn_import = self.ui.importAnchors
        self.btn_remove = self.ui.removeAnchor
        self.btn_crl = self.ui.importCrl
        self.btn_unpin = self.ui.unpin
        self.crl_label = self.ui.crlStatus
        self.ui.buttons.rejected.connect(self.reject)
        self.btn_import.clicked.connect(self.import_anchors)
        self.btn_remove.clicked.connect(self.remove_anchor)
        self.btn_crl.clicked.connect(self.import_crl)
        self.btn_unpin.clicked.connect(self.unpin)
        self.anchors.itemSelectionChanged.connect(self._update_buttons)
        self.pins.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        anchors = self.trust.list_anchors()
        self._fingerprints = [a.fingerprint for a in anchors]
        self.anchors.setRowCount(len(anchors))
        for i, anchor in enumerate(anchors):
            cells = (anchor.subject, anchor.issuer,
                     f"{_day(anchor.not_before)} – {_day(anchor.not_after)}",
                     short_fingerprint(anchor.fingerprint))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(anchor.fingerprint if j == 3 else text)
                self.anchors.setItem(i, j, item)
        crls = self.trust.list_crls()
        if crls:
            self.crl_label.setText(_("Danh sách thu hồi đã nhập: {crls}.").format(crls="; ".join(
                _("{issuer}, cập nhật ngày {day}").format(issuer=c.issuer, day=_day(c.this_update))
                for c in crls)))
        else:
            self.crl_label.setText(_("Chưa nhập danh sách thu hồi (CRL) nào: khi kiểm tra gói, việc "
                                     "thu hồi chứng thư không được kiểm tra (ngoại tuyến)."))
        pins = self.trust.list_pins()
        self._pinned = [p.unit_code for p in pins]
        self.pins.setRowCount(len(pins))
        for i, pin in enumerate(pins):
            for j, text in enumerate((pin.unit_code, pin.subject, short_fingerprint(pin.fingerprint),
                                      _day(pin.pinned_at))):
                self.pins.setItem(i, j, QTableWidgetItem(text))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.btn_remove.setEnabled(self.anchors.currentRow() >= 0 and bool(self.anchors.selectedItems()))
        self.btn_unpin.setEnabled(self.pins.currentRow() >= 0 and bool(self.pins.selectedItems()))

    def _fail(self, error: KnownError) -> None:
        QMessageBox.warning(self, _("Không thực hiện được"), error.message)

    def import_anchors(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp chứng thư gốc"), "",
            _("Chứng thư số ({patterns})").format(patterns=CERT_FILTER))
        if not name:
            return
        try:
            result = self.trust.import_certificates(Path(name))
        except KnownError as error:
            self._fail(error)
            return
        self.refresh()
        lines = [_("Đã thêm {count} chứng thư gốc tin cậy.").format(count=len(result.added)),
                 *result.notes]
        QMessageBox.information(self, _("Chứng thư tin cậy"), "\n".join(lines))

    def remove_anchor(self) -> None:
        row = self.anchors.currentRow()
        if row < 0:
            return
        fp = self._fingerprints[row]
        item = self.anchors.item(row, 0)
        subject = item.text() if item is not None else fp
        answer = QMessageBox.question(self, _("Xóa chứng thư gốc"), _(
            "Xóa chứng thư gốc {name} khỏi danh sách tin cậy? Các gói ký bởi chứng thư do tổ chức "
            "này cấp sẽ không còn được xác nhận.").format(name=subject))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.trust.remove_anchor(fp)
        except KnownError as error:
            self._fail(error)
        self.refresh()

    def import_crl(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            self, _("Chọn tệp danh sách thu hồi"), "",
            _("Danh sách thu hồi ({patterns})").format(patterns=CRL_FILTER))
        if not name:
            return
        try:
            info = self.trust.import_crl(Path(name))
        except KnownError as error:
            self._fail(error)
            return
        self.refresh()
        QMessageBox.information(self, _("Chứng thư tin cậy"), _(
            "Đã nhập danh sách thu hồi của {issuer}, cập nhật ngày {day}.").format(
            issuer=info.issuer, day=_day(info.this_update)))

    def unpin(self) -> None:
        row = self.pins.currentRow()
        if row < 0:
            return
        unit = self._pinned[row]
        answer = QMessageBox.question(self, _("Bỏ ghim"), _(
            "Bỏ ghim chứng thư ký của đơn vị {unit}? Gói hợp lệ tiếp theo của đơn vị có thể được "
            "ghim lại.").format(unit=unit))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.trust.unpin(unit)
        self.refresh()


def open_trust_dialog(window: QWidget, trust: TrustRecords | None) -> None:
    """Open the dialog on the data file's trust store (None: no data file open yet)."""
    if trust is None:
        return
    TrustDialog(trust, window).exec()
