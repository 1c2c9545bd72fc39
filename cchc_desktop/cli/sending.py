"""package: the submission package (folder, .zip, .eml draft), signed or not."""

from __future__ import annotations

import argparse
import os

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import check_outputs, inputs, open_store, report_context, stored_report_id
from cchc_desktop.cli.reports import unit_trends
from cchc_desktop.documents.trends_pdf import TrendSource
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.fileio import check_output
from cchc_desktop.i18n import _
from cchc_desktop.submission.appearance_settings import SigningSetup, apply_setup
from cchc_desktop.submission.package import package_name
from cchc_desktop.submission.revisions import package_from_store, plan_package
from cchc_desktop.submission.signing import SigningKey, load_pkcs11, load_pkcs12
from cchc_desktop.submission.submit import Submission, submit
from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_SIGNATURE_PNG, SETTING_TSA_URL


def package_command(args: argparse.Namespace) -> int:
    if args.sign and args.pkcs11:
        raise KnownError(_("Chọn một cách ký: --sign hoặc --pkcs11."))
    from_store = args.file is None
    if from_store and not args.period:
        raise KnownError(_("Cho biết tệp báo cáo, hoặc --db và --period (ví dụ 2026-Q3)."))
    if not from_store and (args.period or args.unit):
        raise KnownError(_("--unit và --period dùng với --db, không dùng cùng tệp báo cáo."))
    if not from_store:
        check_output(args.out, folder=True)
    context = None if from_store else report_context(args)
    if context is not None:
        _check_package_out(args, context.report)
    key: SigningKey | None = None
    if (args.seal is not None or args.tsa is not None) and not (args.sign or args.pkcs11):
        raise KnownError(_("--seal và --tsa chỉ dùng khi ký số (--sign hoặc --pkcs11)."))
    if args.signature_image is not None and not (args.sign or args.pkcs11):
        raise KnownError(_("--signature-image là ảnh chữ ký của người ký: chỉ dùng khi ký số "
                           "(--sign hoặc --pkcs11)."))
    if args.org_sign and not (args.sign or args.pkcs11):
        raise KnownError(_("--org-sign là chữ ký thứ hai, của cơ quan: cần chữ ký của người có thẩm "
                           "quyền trước (--sign hoặc --pkcs11)."))
    if args.sign:
        key = load_pkcs12(args.sign, _secret_from_env(args.password_env))
    elif args.pkcs11:
        key = load_pkcs11(args.pkcs11, _secret_from_env(args.pin_env))
    if key is not None and args.org_sign:
        key.organization = load_pkcs12(args.org_sign, _secret_from_env(args.org_password_env))
    if key is not None and context is not None:
        _signing_appearance(key, str(args.seal or ""), args.tsa or "", str(args.signature_image or ""))
    try:
        if context is not None:
            trends = unit_trends(args, context) if args.trends else None
            result: Submission = submit(context, args.out, key=key, to=args.to, trends=trends)
        else:
            result = _package_from_store(args, key)
    finally:
        if key is not None:
            key.close()
    for path in (result.package.folder, result.package.zip_path, result.draft.path):
        print(_("Đã ghi {path}").format(path=path))
    if key is not None:
        print(_("Báo cáo PDF đã được ký số bởi {signer}.").format(signer=key.certificate.subject))
        if key.organization is not None:
            print(_("Cơ quan {name} đã ký số (hình ảnh con dấu).").format(
                name=key.organization.certificate.organization or key.organization.certificate.subject))
        if key.last_result is not None and key.last_result.note:
            print(key.last_result.note)
    if result.warning:
        print(_("CẢNH BÁO: {message}").format(message=result.warning))
    return EXIT_OK


def _secret_from_env(variable: str | None) -> str | None:
    if not variable:
        return None
    value = os.environ.get(variable)
    if value is None:
        raise KnownError(_("Biến môi trường {var} chưa được đặt.").format(var=variable))
    return value


def _check_package_out(args: argparse.Namespace, report) -> None:  # type: ignore[no-untyped-def]
    """package --out is a folder; the package's folder, zip and draft must spare every input."""
    check_output(args.out, folder=True)
    name = package_name(report)
    check_outputs([args.out / f"{name}.zip", args.out / f"{name}.eml"], args)
    folder = (args.out / name).resolve()
    for source in inputs(args):
        if folder == source.resolve() or folder in source.resolve().parents:
            raise KnownError(_("Tệp {name} nằm trong thư mục gói {folder}, thư mục này sẽ được làm "
                               "lại; hãy chép tệp ra chỗ khác hoặc chọn --out khác.").format(
                name=source.name, folder=name))


def _package_from_store(args: argparse.Namespace, key):  # type: ignore[no-untyped-def]
    opened, store = open_store(args, existing=True)
    with opened:
        own = store.own_unit()
        report_id = stored_report_id(store, args)
        plan = plan_package(store, report_id)
        if key is not None:
            # the options win and are remembered once they proved usable; else the data file's
            seal = str(args.seal.resolve()) if args.seal else store.setting(SETTING_SEAL_PNG, "")
            tsa = args.tsa if args.tsa is not None else store.setting(SETTING_TSA_URL, "")
            signature = (str(args.signature_image.resolve()) if args.signature_image
                         else store.setting(SETTING_SIGNATURE_PNG, ""))
            _signing_appearance(key, seal, tsa, signature)
            if args.seal is not None:
                store.set_setting(SETTING_SEAL_PNG, seal)
            if args.signature_image is not None:
                store.set_setting(SETTING_SIGNATURE_PNG, signature)
            if args.tsa is not None:
                store.set_setting(SETTING_TSA_URL, key.tsa_url)   # as checked
        _check_package_out(args, plan.context.report)
        trends = None
        if args.trends:
            reports = store.unit_reports(plan.context.report.unit.code)
            templates = {r.template_ref: store.registry.get(r.template_ref) for r in reports}
            trends = TrendSource(reports, templates.__getitem__)
        result, plan = package_from_store(store, report_id, args.out, key=key, plan=plan,
                                          to=args.to or (own.superior_email if own else ""),
                                          trends=trends)
    print(_revision_summary(plan))
    return result


def _signing_appearance(key, seal: str, tsa: str, signature: str) -> None:  # type: ignore[no-untyped-def]
    """The unit's seal image, the signer's signature image and the timestamp server on the
    key, so the signature uses them."""
    apply_setup(key, SigningSetup(seal, tsa, signature))


def _revision_summary(plan) -> str:  # type: ignore[no-untyped-def]
    if plan.previous is None:
        return _("Lần gửi {revision}: lần đóng gói đầu tiên của báo cáo này.").format(
            revision=plan.revision)
    if plan.unchanged:
        return _("Lần gửi {revision}: nội dung không đổi so với gói đã làm ngày {date}.").format(
            revision=plan.revision, date=f"{plan.previous.created_at:%d/%m/%Y %H:%M}")
    lines = [_("Lần gửi {revision} (thay thế lần gửi {previous}). Thay đổi so với lần gửi "
               "{previous}:").format(revision=plan.revision, previous=plan.previous.revision)]
    lines += [f"  - {change}" for change in plan.changes]
    return "\n".join(lines)
