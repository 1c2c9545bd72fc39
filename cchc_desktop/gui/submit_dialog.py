"""Báo cáo > Đóng gói gửi đi: a folder, an optional digital signature, the package and the email
draft written off the GUI thread (cchc_desktop.submission.submit), then where they are.

The submission package pulls in reportlab, openpyxl and pyhanko: it is imported only when
the clerk asks for it, so the window starts fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.designer.ui_submit_dialog import Ui_SubmitResultDialog
from cchc_desktop.gui.desktop_open import open_url
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.worker import BackgroundTask, run_while_busy
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.export import Trends
    from cchc_desktop.gui.session import ReportSession
    from cchc_desktop.submission.revisions import PackagePlan
    from cchc_desktop.submission.submit import Submission

SUBMIT_DIR_SETTING = "submit_dir"
KEY_FILE_SETTING = "signing_key_file"
KEY_DIR_SETTING = "signing_key_dir"
ORG_KEY_FILE_SETTING = "organization_key_file"


class SubmitResultDialog(QDialog):
    """Where the package and the draft are, how big, and buttons to open them (ui/submit_dialog.ui)."""

    def __init__(self, submission: Submission, out_dir: Path, parent: QWidget | None = None) -> None:
        # start-up: the package writers (openpyxl, reportlab) load only when packaging
        from cchc_desktop.submission.email_draft import human_size

        super().__init__(parent)
        self.ui = ui = Ui_SubmitResultDialog()
        ui.setupUi(self)
        self.submission = submission
        self.out_dir = out_dir
        package, draft = submission.package, submission.draft
        manifest = package.manifest
        revision = str(manifest.revision) if manifest.replaces_revision is None else _(
            "{revision} (thay thế lần gửi {previous})").format(
                revision=manifest.revision, previous=manifest.replaces_revision)
        self.fields: dict[str, QLabel] = {
            "revision": ui.revision, "folder": ui.folder, "zip": ui.zip, "eml": ui.eml,
            "size": ui.size, "signed": ui.signed}
        values = {
            "revision": revision, "folder": str(package.folder), "zip": str(package.zip_path),
            "eml": str(draft.path), "size": human_size(draft.attachments_size),
            "signed": _("Đã ký số tệp PDF") if package.signed else _("Không ký"),
        }
        for name, text in values.items():
            self.fields[name].setText(text)
        self.warning: QLabel = ui.sizeWarning
        self.warning.setText(submission.warning or "")
        self.warning.setVisible(bool(submission.warning))
        buttons: QDialogButtonBox = ui.buttons
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        self.open_folder: QPushButton = ui.openFolder
        self.open_draft: QPushButton = ui.openDraft
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_draft, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_draft.setDefault(True)
        self.open_folder.clicked.connect(lambda: self.open_path(self.out_dir, draft=False))
        self.open_draft.clicked.connect(lambda: self.open_path(draft.path, draft=True))
        # What the clerk can do by hand when the PC has no program to open a path.
        self.open_problem: QWidget = ui.openProblem
        self.open_message: QLabel = ui.openMessage
        self.copy_path: QPushButton = ui.copyPath
        self.open_problem.hide()
        self.problem_path: Path | None = None
        self.copy_path.clicked.connect(self._copy_path)
        buttons.rejected.connect(self.reject)

    def showEvent(self, event: QShowEvent) -> None:
        """As tall as its lines need at the width the paths give it.

        Qt sizes a dialog of wrapped labels by guessing a narrower width, where the sentence
        above the paths takes three lines: at the real width the room left over stood as blank
        bands around its one line.
        """
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        fitted = self.heightForWidth(self.width())
        if fitted > 0:
            self.resize(self.width(), fitted)

    def open_path(self, path: Path, *, draft: bool) -> bool:
        """Open `path` in its program; if none is set up, say so here with the path to copy."""
        if open_url(path):
            self.open_problem.hide()
            self._fit_height()
            return True
        if draft:
            text = _("Máy tính chưa có chương trình thư điện tử để mở thư nháp. Hãy mở tệp này "
                     "bằng chương trình thư điện tử, hoặc gửi tệp nén trong thư mục gói:\n{path}")
        else:
            text = _("Máy tính chưa có chương trình quản lý tệp để mở thư mục. Thư mục gói ở:\n{path}")
        self.problem_path = path
        self.open_message.setText(text.format(path=path))
        self.copy_path.setText(_("Sao chép đường dẫn"))
        self.open_problem.show()
        self._fit_height()
        return False

    def _copy_path(self) -> None:
        if self.problem_path is not None:
            QGuiApplication.clipboard().setText(str(self.problem_path))
            self.copy_path.setText(_("Đã sao chép"))


class Submitter:
    """Runs one packaging at a time for the window."""

    def __init__(self, parent: QWidget, then: Callable[[Submission], None] | None = None) -> None:
        self.parent = parent
        # What follows the package: the result dialog, or (Gửi báo cáo qua thư) the outbox.
        self.then = then
        self.job: BackgroundTask | None = None
        self.out_dir: Path | None = None
        self.plan: PackagePlan | None = None
        self.session: ReportSession | None = None

    def ask_folder(self, session: ReportSession) -> Path | None:
        """The folder chosen last time, else Documents: never the hidden data folder."""
        return file_dialogs.choose_folder(self.parent, session, SUBMIT_DIR_SETTING,
                                          _("Chọn thư mục lưu gói báo cáo"))

    def ask_key(self, session: ReportSession) -> tuple[Path | None, str] | None:
        """(key file, password) to sign, (None, "") not to sign, None to stop."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Ký số"),
                          _("Ký số báo cáo bằng tệp chứng thư số (.p12, .pfx)?"),
                          QMessageBox.StandardButton.NoButton, self.parent)
        box.setInformativeText(_("Không ký số thì in, ký tay và đóng dấu bản giấy như thường lệ."))
        sign = box.addButton(_("Ký số..."), QMessageBox.ButtonRole.YesRole)
        plain = box.addButton(_("Không ký"), QMessageBox.ButtonRole.NoRole)
        box.addButton(_("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(plain)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is plain:
            return None, ""
        if clicked is not sign:
            return None
        return self._key_file(session, KEY_FILE_SETTING, _("Chọn tệp chứng thư số"))

    def _key_file(self, session: ReportSession, setting: str,
                  title: str) -> tuple[Path, str] | None:
        """A .p12/.pfx chosen (the last one offered) and its password; None if either is cancelled."""
        last = session.setting(setting)
        path = file_dialogs.open_file(self.parent, session, KEY_DIR_SETTING, title,
                                      _("Chứng thư số (*.p12 *.pfx)"), select=Path(last) if last else None)
        if path is None:
            return None
        password, ok = QInputDialog.getText(
            self.parent, _("Mật khẩu chứng thư số"),
            _("Mật khẩu của tệp {name}:").format(name=path.name), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        session.set_setting(setting, str(path))
        return path, password

    def ask_organization_key(self, session: ReportSession) -> tuple[Path | None, str] | None:
        """The organisation's certificate for its second signature, the seal over the signer's
        left third (Nghị định 30/2020, Phụ lục I): only where the unit has set its seal image.
        (None, "") for the signer's signature alone, None to stop."""
        # The seal's setting lives with the signing settings (Cài đặt > Chữ ký số).
        from cchc_desktop.submission.appearance_settings import stored_setup

        if not stored_setup(session).seal_path:
            return None, ""
        box = QMessageBox(QMessageBox.Icon.Question, _("Chữ ký số của cơ quan"),
                          _("Cơ quan ký thêm chữ ký số của mình (hình con dấu trùm lên 1/3 bên trái "
                            "chữ ký của người có thẩm quyền)?"),
                          QMessageBox.StandardButton.NoButton, self.parent)
        box.setObjectName("organizationBox")
        add = box.addButton(_("Thêm chữ ký của cơ quan..."), QMessageBox.ButtonRole.YesRole)
        alone = box.addButton(_("Chỉ chữ ký của người ký"), QMessageBox.ButtonRole.NoRole)
        box.addButton(_("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(alone)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is alone:
            return None, ""
        if clicked is not add:
            return None
        return self._key_file(session, ORG_KEY_FILE_SETTING, _("Chọn tệp chứng thư số của cơ quan"))

    def confirm_revision(self, plan: PackagePlan) -> bool:
        """Which revision this package replaces and what changed since: the clerk agrees.

        The first package of a report replaces nothing: there is nothing to agree to, so nothing
        is asked (the result dialog says it is lần gửi 1).
        """
        if plan.previous is None:
            return True
        if plan.unchanged:
            text = _("Nội dung không đổi so với gói đã làm lúc {time}: đóng gói lại lần gửi "
                     "{revision}.").format(revision=plan.revision,
                                           time=f"{plan.previous.created_at:%d/%m/%Y %H:%M}")
            details = ""
        else:
            text = _("Đây là lần gửi {revision}, thay thế lần gửi {previous}. Nội dung đã thay đổi "
                     "so với lần gửi {previous}:").format(revision=plan.revision,
                                                        previous=plan.previous.revision)
            details = "\n".join(f"• {change}" for change in plan.changes[:20])
            if len(plan.changes) > 20:
                details += "\n" + _("... và {n} thay đổi khác.").format(n=len(plan.changes) - 20)
        box = QMessageBox(QMessageBox.Icon.Question, _("Đóng gói gửi đi"), text,
                          QMessageBox.StandardButton.NoButton, self.parent)
        box.setObjectName("revisionBox")
        if details:
            box.setInformativeText(details)
        go = box.addButton(_("Tiếp tục"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.exec()
        accepted = box.clickedButton() is go
        box.deleteLater()
        return accepted

    def start(self, session: ReportSession, trends: Trends | None = None) -> BackgroundTask | None:
        """Package the report; `trends` (the unit's reports) puts the trends annex in its PDF,
        as Báo cáo > Kèm phụ lục xu hướng exports it."""
        # Deferred: signing pulls reportlab and pyhanko, which the window's start need not pay.
        from cchc_desktop.submission.appearance_settings import apply_setup, stored_setup

        if not session.saver.flush():
            return None
        plan = session.plan_package()
        if not self.confirm_revision(plan):
            return None
        out_dir = self.ask_folder(session)
        if out_dir is None:
            return None
        signing = self.ask_key(session)
        if signing is None:
            return None
        key_file, password = signing
        org_file, org_password = None, ""
        if key_file is not None:
            organization = self.ask_organization_key(session)
            if organization is None:
                return None
            org_file, org_password = organization
        session.set_setting(SUBMIT_DIR_SETTING, str(out_dir))
        own = session.own_unit()
        to = own.superior_email if own is not None else ""
        # The clerk may keep typing while the files are written: the package gets a copy.
        context = plan.context
        self.out_dir = out_dir
        self.plan, self.session = plan, session
        setup = stored_setup(session)     # Cài đặt > Chữ ký số: seal, signature image, server

        def task(_progress: Callable[[int, int], None]) -> Any:
            # start-up: signing (pyhanko ~0.5 s) loads only in the packaging worker
            from cchc_desktop.documents.trends_pdf import TrendSource
            from cchc_desktop.submission.signing import load_pkcs12
            from cchc_desktop.submission.submit import submit

            key = load_pkcs12(key_file, password) if key_file is not None else None
            try:
                if key is not None and org_file is not None:
                    key.organization = load_pkcs12(org_file, org_password)
                if key is not None:
                    apply_setup(key, setup)
                return submit(context, out_dir, key=key, to=to,
                              trends=TrendSource(*trends) if trends is not None else None)
            finally:
                if key is not None:
                    key.close()

        self.job = run_while_busy(self.parent, _("Đóng gói gửi đi"),
                                  _("Đang tạo gói báo cáo và thư nháp..."), task,
                                  on_success=self._done, on_failure=self._failed)
        return self.job

    def _finish(self) -> None:
        self.job = None

    def _done(self, submission: Submission) -> None:
        self._finish()
        assert self.out_dir is not None and self.plan is not None and self.session is not None
        # Kept in the data file: the next package of different content takes the next number.
        self.session.record_package(self.plan, submission.package.folder.name)
        if self.then is not None:
            self.then(submission)
            return
        dialog = SubmitResultDialog(submission, self.out_dir, self.parent)
        dialog.exec()
        dialog.deleteLater()

    def _failed(self, error: BaseException) -> None:
        self._finish()
        show_error(self.parent, error, _("Chưa đóng gói được"))

