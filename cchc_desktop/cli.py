"""The `cchc-desktop` command: the window, and check / export / import / consolidate / package.

Exit codes: 0 success; 1 the report has error-level findings (check), or some files were
refused and the rest consolidated (consolidate: each refused file is listed on stderr);
2 the input could not be used (bad file, bad option; consolidate: no file usable; a workbook
whose visible sheets differ from its hidden data, without --use-visible or --use-hidden);
3 refused by the state of the data (a final or submitted report that must be reopened, a
data file another program has open). `verify` has its own: 0 the package is valid and its
signer trusted, or it is unsigned (allowed, and said so); 1 intact but the signer is not
trusted (self-signed, unknown issuer, another certificate than the unit's pinned one);
2 invalid (tampered, mismatched, unreadable): refused. Every message is in the user's language.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop import __version__
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.formatting import format_number, format_percent, format_rate_with_fraction
from cchc_desktop.domain.rules import has_errors
from cchc_desktop.i18n import SUPPORTED_LANGUAGES, _, set_language

if TYPE_CHECKING:
    from cchc_desktop.domain.template import TemplateRegistry
    from cchc_desktop.storage.trust_store import TrustStore

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_REFUSED = 0, 1, 2, 3
LOCK_WAIT_SECONDS = 30.0  # how long a command waits for another writer of its data file
LOCK_WAIT_VARIABLE = "CCHC_DESKTOP_LOCK_WAIT"


def _level_codes() -> list[str]:
    from cchc_desktop.domain.units import level_catalogue

    return list(level_catalogue().levels)


def _parser() -> argparse.ArgumentParser:
    from cchc_desktop.cliparser import Parser, text

    parser = Parser(
        prog="cchc-desktop",
        description=_("Báo cáo cải cách hành chính định kỳ. Không có lệnh: mở cửa sổ ứng dụng."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=text("show program's version number and exit"))
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help=_("ngôn ngữ (vi, en)"))
    parser.add_argument("--db", type=Path, metavar=_("TỆP"),
                        help=_("tệp dữ liệu (mặc định: trong thư mục dữ liệu của người dùng)"))
    commands = parser.add_subparsers(dest="command", metavar=_("lệnh"))

    check = commands.add_parser("check", help=_("kiểm tra một tệp báo cáo: tỷ lệ và phát hiện"))
    check.add_argument("file", type=Path, metavar=_("TỆP"), help=_("tệp báo cáo (.json hoặc .xlsx)"))
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--previous", type=Path, metavar=_("TỆP"),
                       help=_("báo cáo kết thúc ngay trước kỳ này (kiểm tra số chuyển kỳ)"))
    _add_choice(check)

    export = commands.add_parser("export", help=_("xuất báo cáo ra PDF, Excel hoặc JSON"))
    export.add_argument("file", type=Path, metavar=_("TỆP"), help=_("tệp báo cáo (.json hoặc .xlsx)"))
    export.add_argument("--pdf", type=Path, metavar=_("TỆP"), help=_("ghi báo cáo PDF vào tệp này"))
    export.add_argument("--xlsx", type=Path, metavar=_("TỆP"), help=_("ghi biểu số liệu Excel vào tệp này"))
    export.add_argument("--json", type=Path, metavar=_("TỆP"), help=_("ghi tệp trao đổi JSON vào tệp này"))
    export.add_argument("--previous", type=Path, metavar=_("TỆP"), help=_("báo cáo kỳ trước (cột so sánh)"))
    export.add_argument("--last-year", type=Path, metavar=_("TỆP"),
                        help=_("báo cáo cùng kỳ năm trước (cột so sánh)"))
    _add_choice(export)

    importer = commands.add_parser("import", help=_("thêm một tệp báo cáo vào tệp dữ liệu"))
    importer.add_argument("file", type=Path, metavar=_("TỆP"), help=_("tệp báo cáo (.json hoặc .xlsx)"))
    importer.add_argument("--db", type=Path, metavar=_("TỆP"), dest="sub_db")
    importer.add_argument("--replace", action="store_true",
                          help=_("thay báo cáo cùng đơn vị, cùng kỳ nếu đã có"))
    importer.add_argument("--reopen", metavar=_("LÝ_DO"), default="",
                          help=_("mở lại báo cáo đã hoàn thành hoặc đã gửi để thay, ghi lý do vào "
                                 "lịch sử"))
    _add_choice(importer)

    status = commands.add_parser("status", help=_("xem hoặc đổi trạng thái một báo cáo trong tệp "
                                                  "dữ liệu (dự thảo, hoàn thành, đã gửi)"))
    status.add_argument("--db", type=Path, metavar=_("TỆP"), dest="sub_db")
    status.add_argument("--unit", metavar=_("MÃ"), help=_("mã đơn vị (mặc định: đơn vị của tệp)"))
    status.add_argument("--period", required=True, help=_("kỳ, ví dụ 2026-Q3"))
    status.add_argument("--set", dest="new_status", choices=("draft", "final", "submitted"),
                        help=_("trạng thái mới; về draft là mở lại, cần --reason"))
    status.add_argument("--reason", default="", help=_("lý do (bắt buộc khi mở lại)"))

    backups = commands.add_parser("backups", help=_("liệt kê các bản sao lưu (điểm khôi phục) "
                                                    "của tệp dữ liệu"))
    backups.add_argument("--db", type=Path, metavar=_("TỆP"), dest="sub_db")

    consolidate = commands.add_parser("consolidate",
                                      help=_("tổng hợp báo cáo của các đơn vị trực thuộc"))
    consolidate.add_argument("files", type=Path, nargs="+", metavar=_("TỆP"),
                             help=_("tệp báo cáo (.json/.xlsx) hoặc gói (.zip) của các đơn vị; tệp "
                                    "không dùng được bị liệt kê và bỏ qua (mã thoát 1)"))
    consolidate.add_argument("--unit-name", required=True, help=_("tên đơn vị tổng hợp"))
    consolidate.add_argument("--unit-code", help=_("mã đơn vị tổng hợp (mặc định: từ tên)"))
    consolidate.add_argument("--level", default="tinh", choices=_level_codes(),
                             help=_("cấp của đơn vị tổng hợp"))
    consolidate.add_argument("--parent", default="", help=_("cơ quan cấp trên"))
    consolidate.add_argument("--period", required=True, help=_("kỳ, ví dụ 2023-Q3"))
    consolidate.add_argument("--own", type=Path, metavar=_("TỆP"), help=_(
        "báo cáo số liệu của chính đơn vị tổng hợp, cùng kỳ (cùng mã đơn vị)"))
    consolidate.add_argument("--out", type=Path, required=True, metavar=_("TỆP"),
                             help=_("tệp JSON của báo cáo tổng hợp"))
    _add_choice(consolidate)

    commands.add_parser("templates", help=_("liệt kê các mẫu báo cáo có sẵn"))

    package = commands.add_parser("package", help=_("tạo gói gửi cấp trên: thư mục, tệp .zip và "
                                                    "thư nháp .eml"))
    package.add_argument("file", type=Path, nargs="?", metavar=_("TỆP"),
                         help=_("tệp báo cáo (.json/.xlsx); hoặc dùng --db, --unit và --period"))
    package.add_argument("--db", type=Path, metavar=_("TỆP"), dest="sub_db",
                         help=_("lấy báo cáo từ tệp dữ liệu"))
    package.add_argument("--unit", metavar=_("MÃ"), help=_("mã đơn vị của báo cáo trong tệp dữ liệu "
                                                          "(mặc định: đơn vị của tệp)"))
    package.add_argument("--period", help=_("kỳ, ví dụ 2026-Q3"))
    package.add_argument("--out", type=Path, required=True, metavar=_("THƯ_MỤC"), help=_("thư mục đặt gói"))
    package.add_argument("--sign", type=Path, metavar="CERT.p12",
                         help=_("ký số báo cáo PDF bằng tệp chứng thư .p12/.pfx"))
    package.add_argument("--password-env", metavar="VAR",
                         help=_("biến môi trường chứa mật khẩu của tệp chứng thư"))
    package.add_argument("--pkcs11", type=Path, metavar="LIB",
                         help=_("ký bằng USB token qua thư viện PKCS#11 của token (chưa thử với "
                                "token thật)"))
    package.add_argument("--pin-env", metavar="VAR", help=_("biến môi trường chứa mã PIN của token"))
    package.add_argument("--org-sign", type=Path, metavar="CERT.p12", help=_(
        "chứng thư số của cơ quan (.p12/.pfx): cơ quan ký thêm một chữ ký số là hình ảnh con dấu, "
        "trùm lên 1/3 bên trái chữ ký của người có thẩm quyền (cần --seal hoặc ảnh dấu đã lưu)"))
    package.add_argument("--org-password-env", metavar="VAR",
                         help=_("biến môi trường chứa mật khẩu của chứng thư số của cơ quan"))
    package.add_argument("--to", default="", help=_("địa chỉ email của cơ quan cấp trên"))
    package.add_argument("--seal", type=Path, metavar="PNG",
                         help=_("ảnh con dấu của đơn vị (.png nền trong suốt) đặt lên chữ ký; "
                                "với --db thì được lưu cho các lần sau"))
    package.add_argument("--tsa", metavar="URL",
                         help=_("máy chủ dấu thời gian RFC 3161; với --db thì được lưu cho các lần "
                                "sau (--tsa \"\" để bỏ)"))
    _add_choice(package)

    trust = commands.add_parser("trust", help=_("chứng thư gốc tin cậy, danh sách thu hồi (CRL) và "
                                                "đơn vị đã ghim chứng thư của tệp dữ liệu"))
    trust.add_argument("--db", type=Path, required=True, metavar=_("TỆP"), dest="sub_db")
    trust.add_argument("--add", type=Path, action="append", default=[], metavar=_("TỆP"),
                       help=_("nhập chứng thư gốc từ tệp .pem/.cer/.crt/.p7b (lặp lại được)"))
    trust.add_argument("--add-crl", type=Path, action="append", default=[], metavar=_("TỆP"),
                       help=_("nhập danh sách thu hồi (CRL) do một chứng thư gốc đã nhập ký"))
    trust.add_argument("--remove", action="append", default=[], metavar=_("DẤU_VÂN_TAY"),
                       help=_("xóa chứng thư gốc theo dấu vân tay SHA-256 (ít nhất 8 chữ số đầu)"))
    trust.add_argument("--list", action="store_true", help=_("liệt kê (mặc định khi không có thao tác)"))
    _add_verify(commands)
    return parser


def _add_verify(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    verify = commands.add_parser("verify", help=_("kiểm tra gói nhận từ cấp dưới: nguyên vẹn, chữ ký số, "
                                                  "người ký có được tin cậy (mã thoát 0 hợp lệ hoặc "
                                                  "không ký số, 1 chưa tin cậy, 2 không hợp lệ)"))
    verify.add_argument("package", type=Path, metavar=_("GÓI"), help=_("tệp .zip hoặc thư mục của gói"))
    verify.add_argument("--trust", type=Path, action="append", default=[], metavar=_("TỆP"),
                        help=_("chứng thư gốc tin cậy (PEM/DER; có thể lặp lại)"))
    verify.add_argument("--crl", type=Path, action="append", default=[], metavar=_("TỆP"),
                        help=_("danh sách thu hồi chứng thư (CRL) ngoại tuyến (PEM/DER; có thể lặp lại)"))
    verify.add_argument("--pin", action="append", default=[], metavar=_("MÃ=SHA256"),
                        help=_("dấu vân tay SHA-256 của chứng thư mà đơn vị MÃ dùng để ký"))
    verify.add_argument("--db", type=Path, metavar=_("TỆP"), dest="sub_db", help=_(
        "tệp dữ liệu có kho chứng thư tin cậy (chứng thư gốc, CRL, chứng thư đã ghim) để kiểm tra"))
    verify.add_argument("--pin-signer", action="store_true", help=_(
        "chữ ký còn nguyên vẹn và đơn vị chưa ghim chứng thư: ghim chứng thư của người ký vào "
        "kho của tệp --db (gói sau ký bằng chứng thư khác sẽ bị cảnh báo)"))
    verify.add_argument("--format", choices=("text", "json"), default="text")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _configure_streams()
    language = _language_from(argv)
    if language in SUPPORTED_LANGUAGES:    # any other value is the parser's error, in Vietnamese
        set_language(language)
    args = _parser().parse_args(argv)
    if args.command is None:
        from cchc_desktop.gui.app import run

        return run(db_path=args.db, language=args.lang)
    handlers = {"check": _check, "export": _export, "import": _import, "backups": _backups,
                "status": _status,
                "consolidate": _consolidate, "templates": _templates, "package": _package,
                "trust": _trust, "verify": _verify}
    try:
        return handlers[args.command](args)
    except BrokenPipeError:
        # The reader of the output went away (`... | head`): nothing to tell anyone.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 Python flushes stdout at exit
        return EXIT_OK
    except KnownError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED if _is_refusal(exc) else EXIT_BAD_INPUT
    except Exception as exc:
        # A full disk, a locked or damaged data file met after it was opened: the clerk's
        # sentence, not a traceback. Anything else is a bug and keeps its traceback.
        known = _known_failure(exc)
        if known is None:
            raise
        print(known.message, file=sys.stderr)
        return EXIT_BAD_INPUT


def _known_failure(exc: Exception) -> KnownError | None:
    from cchc_desktop.storage.errors import storage_error

    if isinstance(exc, OSError):
        from cchc_desktop.fileio import describe_os_error

        if exc.filename:
            return KnownError(describe_os_error(Path(exc.filename), exc))
        from cchc_desktop.failures import os_reason

        return KnownError(_("Không đọc ghi được tệp: {reason}.").format(reason=os_reason(exc)))
    return storage_error(exc, strict=True)


def _is_refusal(error: KnownError) -> bool:
    from cchc_desktop.domain.lifecycle import ReportLockedError, TransitionError
    from cchc_desktop.storage.instance_lock import AlreadyOpenError

    return isinstance(error, (ReportLockedError, TransitionError, AlreadyOpenError))


def _configure_streams() -> None:
    # Windows consoles default to a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _language_from(argv: list[str]) -> str | None:
    """--lang must act before the parser builds its (translated) help texts."""
    for index, item in enumerate(argv):
        if item.startswith("--lang="):
            return item.partition("=")[2]
        if item == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def _read(path: Path):  # type: ignore[no-untyped-def]
    from cchc_desktop.reportfiles import read_report_file

    return read_report_file(path)


def _add_choice(parser: argparse.ArgumentParser) -> None:
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--use-visible", action="store_true", help=_(
        "khi số liệu trên trang tính Excel khác phần dữ liệu ẩn: lấy số trên trang tính (ô có "
        "công thức không lấy được)"))
    choice.add_argument("--use-hidden", action="store_true", help=_(
        "khi số liệu trên trang tính Excel khác phần dữ liệu ẩn: lấy số trong phần dữ liệu ẩn"))


def _chosen(path: Path, args: argparse.Namespace, report, template, differences):  # type: ignore[no-untyped-def]
    """A workbook whose visible sheets differ from its hidden data: never decided silently.

    The differences are printed; without --use-visible or --use-hidden the file is refused.
    """
    if not differences:
        return report
    from cchc_desktop.exchange.workbook import take_visible

    lines = [_("CẢNH BÁO: tệp {name} có {n} số liệu trên trang tính khác phần dữ liệu ẩn (đã sửa "
               "bằng Excel?):").format(name=path.name, n=len(differences))]
    lines += ["  - " + difference.line() for difference in differences]
    print("\n".join(lines), file=sys.stderr)
    if getattr(args, "use_visible", False):
        return take_visible(report, template, differences, {d.code for d in differences})
    if getattr(args, "use_hidden", False):
        return report
    raise KnownError(_("Tệp {name}: chọn --use-visible (lấy số trên trang tính) hoặc --use-hidden "
                       "(lấy số trong phần dữ liệu ẩn).").format(name=path.name))


def _read_choosing(path: Path, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from cchc_desktop.reportfiles import read_with_differences

    report, template, differences = read_with_differences(path)
    return _chosen(path, args, report, template, differences), template


def _context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from cchc_desktop.domain.context import build_context

    report, template = _read_choosing(args.file, args)
    previous = _read_choosing(args.previous, args)[0] if getattr(args, "previous", None) else None
    last_year = (_read_choosing(args.last_year, args)[0] if getattr(args, "last_year", None)
                 else None)
    # The report given as --previous is the one that ends the day before: it is both the
    # comparison column and the source of the carried-over figures.
    return build_context(report, template, previous=previous, last_year=last_year, opening=previous)


def _check(args: argparse.Namespace) -> int:
    context = _context(args)
    report, template, figures = context.report, context.template, context.figures
    if args.format == "json":
        rates = {}
        for indicator in template.rates():
            value = figures.get(indicator.code)
            rates[indicator.code] = None if value is None else f"{value:.{report.precision}f}"
        print(json.dumps({"rates": rates, "findings": [f.as_json() for f in context.findings]},
                         ensure_ascii=False, indent=2))
    else:
        print(_("Báo cáo {period} - {unit} (mẫu {template})").format(
            period=report.period.label, unit=report.unit.name, template=template.ref))
        print()
        print(_("TỶ LỆ"))
        for indicator in template.rates():
            rate = figures.rates[indicator.code]
            if rate.numerator is None and rate.denominator is None:
                continue
            print(f"  {indicator.full_label}: {format_rate_with_fraction(rate)}")
        print()
        print(_("PHÁT HIỆN") + f" ({len(context.findings)})")
        if not context.findings:
            print("  " + _("Không có phát hiện nào."))
        for finding in context.findings:
            severity = _("LỖI") if finding.severity.value == "error" else _("CẢNH BÁO")
            justified = _(" (đã giải trình)") if finding.justified else ""
            print(f"  [{severity}]{justified} {finding_text(finding)}")
    return EXIT_FINDINGS if has_errors(context.findings) else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if not (args.pdf or args.xlsx or args.json):
        raise KnownError(_("Chọn ít nhất một đầu ra: --pdf, --xlsx hoặc --json."))
    _check_outputs([p for p in (args.json, args.pdf, args.xlsx) if p], args)
    context = _context(args)
    if args.json:
        from cchc_desktop.exchange.json_format import write_report

        write_report(context.report, context.template, args.json)
        print(_("Đã ghi {path}").format(path=args.json))
    if args.pdf:
        from cchc_desktop.documents.pdf_report import write_pdf

        pages = write_pdf(context, args.pdf)
        print(_("Đã ghi {path} ({pages} trang)").format(path=args.pdf, pages=pages))
    if args.xlsx:
        from cchc_desktop.documents.workbook import write_workbook

        write_workbook(context, args.xlsx)
        print(_("Đã ghi {path}").format(path=args.xlsx))
    return EXIT_OK


def _inputs(args: argparse.Namespace) -> list[Path]:
    """Every file the command reads, and the data file: what no output may overwrite."""
    found = [_data_file_path(args)]
    for name in ("file", "previous", "last_year", "own", "sign"):
        value = getattr(args, name, None)
        if value:
            found.append(Path(value))
    found += [Path(p) for p in getattr(args, "files", None) or []]
    return found


def _check_outputs(outputs: list[Path], args: argparse.Namespace) -> None:
    """Refused before any work: an output that is an input, a folder, a device or a pipe."""
    from cchc_desktop.fileio import check_outputs

    check_outputs(outputs, inputs=_inputs(args))


def _check_package_out(args: argparse.Namespace, report) -> None:  # type: ignore[no-untyped-def]
    """package --out is a folder; the package's folder, zip and draft must spare every input."""
    from cchc_desktop.fileio import check_output
    from cchc_desktop.submission.package import package_name

    check_output(args.out, folder=True)
    name = package_name(report)
    _check_outputs([args.out / f"{name}.zip", args.out / f"{name}.eml"], args)
    folder = (args.out / name).resolve()
    for source in _inputs(args):
        if folder == source.resolve() or folder in source.resolve().parents:
            raise KnownError(_("Tệp {name} nằm trong thư mục gói {folder}, thư mục này sẽ được làm "
                               "lại; hãy chép tệp ra chỗ khác hoặc chọn --out khác.").format(
                name=source.name, folder=name))


def _data_file_path(args: argparse.Namespace) -> Path:
    from cchc_desktop.paths import default_data_file

    return Path(getattr(args, "sub_db", None) or args.db or default_data_file())


def _lock_wait_seconds() -> float:
    """LOCK_WAIT_SECONDS, or the seconds in CCHC_DESKTOP_LOCK_WAIT (scripts running many at once)."""
    import os

    text = os.environ.get(LOCK_WAIT_VARIABLE, "").strip()
    if not text:
        return LOCK_WAIT_SECONDS
    try:
        seconds = float(text.replace(",", "."))
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86400:
        raise KnownError(_("Biến môi trường {var} phải là số giây chờ, từ 0 đến 86400 (đang là "
                           "\u201c{value}\u201d).").format(var=LOCK_WAIT_VARIABLE, value=text))
    return seconds


def _open_for_writing(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The data file through the one door every writer uses (storage/datafile.py)."""
    from cchc_desktop.storage.datafile import open_for_writing
    from cchc_desktop.storage.instance_lock import LockOwner, format_seconds
    from cchc_desktop.storage.repository import ReportStore

    wait = _lock_wait_seconds()

    def waiting(owner: LockOwner) -> None:
        print(_("Tệp dữ liệu đang được chương trình khác ghi (PID {pid}); chờ tối đa {seconds} "
                "giây...").format(pid=owner.pid or _("không rõ"), seconds=format_seconds(wait)),
              file=sys.stderr)

    # A script may run many commands on one data file at once: each waits its turn.
    opened = open_for_writing(_data_file_path(args), wait_seconds=wait, on_wait=waiting)
    return opened, ReportStore(opened.database)


def _import(args: argparse.Namespace) -> int:
    from cchc_desktop.domain.lifecycle import ReportLockedError, check_editable
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.storage.backups import create_backup

    # The file is read and checked before the data file is touched.
    report, _template = _read_choosing(args.file, args)
    opened, store = _open_for_writing(args)
    with opened:
        existing = store.find_report_id(report.unit.code, report.period.year, report.period.kind)
        if existing is not None:
            stored = store.load_report(existing)
            if not (args.replace or args.reopen):
                raise KnownError(_("Tệp dữ liệu đã có báo cáo {period} của {unit}; dùng --replace "
                                   "để thay.").format(period=report.period.label,
                                                      unit=report.unit.name))
            if stored.status is not ReportStatus.DRAFT and not args.reopen.strip():
                try:
                    check_editable(stored.status, stored.period.label)
                except ReportLockedError as exc:
                    raise ReportLockedError(exc.message + "\n" + _(
                        "Dòng lệnh: thêm --reopen \"lý do\" để mở lại và thay báo cáo."),
                        stored.status) from exc
            create_backup(opened.path, _("Trước khi nhập tệp {name}").format(name=args.file.name))
        report_id = store.save_report(report, reason=_("Nhập từ tệp {name}").format(
            name=args.file.name), reopen_reason=args.reopen)
        saved = store.load_report(report_id)
        print(_("Đã nhập báo cáo {period} của {unit} vào {db}").format(
            period=report.period.label, unit=report.unit.name, db=opened.path))
        if saved.status is not report.status:
            print(_("CẢNH BÁO: báo cáo còn lỗi nên được lưu ở trạng thái dự thảo (tệp ghi "
                    "\u201c{status}\u201d).").format(status=report.status.label))
    return EXIT_OK


def _stored_report_id(store, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from cchc_desktop.domain.periods import parse_period_key

    year, kind = parse_period_key(args.period)
    own = store.own_unit()
    unit_code = args.unit or (own.code if own else "")
    report_id = store.find_report_id(unit_code, year, kind) if unit_code else None
    if report_id is None:
        raise KnownError(_("Tệp dữ liệu không có báo cáo kỳ {period} của đơn vị {unit}.").format(
            period=args.period, unit=unit_code or _("(chưa khai báo)")))
    return int(report_id)


def _status(args: argparse.Namespace) -> int:
    from cchc_desktop.domain.report import ReportStatus

    opened, store = _open_for_writing(args)
    with opened:
        report_id = _stored_report_id(store, args)
        if args.new_status:
            store.set_status(report_id, ReportStatus(args.new_status), args.reason)
        report = store.load_report(report_id)
        findings = store.context(report_id).findings
        errors = sum(1 for f in findings if f.severity.value == "error")
        print(_("Báo cáo {period} của {unit}: {status}, lần gửi {revision}; {errors} lỗi, "
                "{warnings} cảnh báo.").format(
            period=report.period.label, unit=report.unit.name, status=report.status.label,
            revision=report.revision, errors=errors, warnings=len(findings) - errors))
    return EXIT_OK


def _backups(args: argparse.Namespace) -> int:
    from cchc_desktop.storage.backups import list_backups

    path = _data_file_path(args)
    found = list_backups(path)
    if not found:
        print(_("Chưa có bản sao lưu nào của {path}.").format(path=path))
        return EXIT_OK
    print(_("{n} bản sao lưu của {path} (mới nhất trước):").format(n=len(found), path=path))
    for backup in found:
        states = "; ".join(f"{r.get('period', '')}: {r.get('status', '')}" for r in backup.reports)
        print(f"  {backup.created_at:%d/%m/%Y %H:%M:%S}  {backup.reason}"
              + (f"  [{states}]" if states else "") + f"\n      {backup.path}")
    return EXIT_OK


def _trust(args: argparse.Namespace) -> int:
    """Manage the trust store of a data file; without an action, list it."""
    from cchc_desktop.storage.datafile import open_for_reading
    from cchc_desktop.storage.trust_store import TrustStore

    if args.add or args.add_crl or args.remove:
        opened, _reports = _open_for_writing(args)
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
    database = open_for_reading(_data_file_path(args))
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


def _consolidate(args: argparse.Namespace) -> int:
    """Sum the units' files; each file read on its own (a worker process, a time budget).

    A refused file is listed on stderr with its reason and the others are summed: exit 1
    when some files were refused (the output holds the others), 2 when none could be used
    or an option is wrong (nothing written).
    """
    from cchc_desktop.domain.consolidation import Submission, consolidate
    from cchc_desktop.domain.context import build_context
    from cchc_desktop.domain.periods import Period, parse_period_key
    from cchc_desktop.domain.units import Unit
    from cchc_desktop.exchange.json_format import write_report
    from cchc_desktop.isolation import run_isolated
    from cchc_desktop.reportfiles import FileRead, read_for_consolidation

    name = " ".join(args.unit_name.split())
    if not name:
        raise KnownError(_("--unit-name: tên đơn vị tổng hợp không được để trống."))
    year, kind = parse_period_key(args.period)
    period = Period.default(year, kind)
    _check_outputs([args.out], args)
    unit = Unit((args.unit_code or "").strip() or _unit_code(name, args.level, args.parent), name,
                args.level, " ".join(args.parent.split()))
    own = _own_report(args.own, unit, period, args) if args.own else None

    submissions: list[Submission] = []
    refused: list[str] = []
    template = None
    seen: dict[str, str] = {}
    for path, outcome in zip(args.files, run_isolated(read_for_consolidation, args.files),
                             strict=True):
        if not outcome.ok:
            error = str(outcome.error)
            refused.append(error if path.name in error else
                           _("Tệp {name}: {problem}").format(name=path.name, problem=error))
            continue
        read: FileRead = outcome.value
        report = read.report
        problem = None
        if read.differences:
            try:
                report = _chosen(path, args, report, _registry().get(report.template_ref),
                                 list(read.differences))
            except KnownError as exc:
                refused.append(exc.message)
                continue
        if (report.period.year, report.period.kind) != (year, kind):
            problem = _("báo cáo {found} không cùng kỳ {wanted}.").format(
                found=report.period.label, wanted=period.label)
        elif template is not None and report.template_ref.partition("@")[0] != template.id:
            problem = _("dùng mẫu {found}, khác mẫu {wanted} của các tệp trước.").format(
                found=report.template_ref, wanted=template.id)
        elif report.unit.code in seen:
            problem = _("đơn vị {unit} đã có trong {other}.").format(unit=report.unit.name,
                                                                      other=seen[report.unit.code])
        elif report.unit.code == unit.code:
            problem = _("là báo cáo của chính đơn vị tổng hợp; dùng --own cho tệp này.")
        if problem is not None:
            refused.append(_("Tệp {name}: {problem}").format(name=path.name, problem=problem))
            continue
        if template is None:
            template = _registry().get(report.template_ref)
        seen[report.unit.code] = path.name
        received = report.document.date or dt.datetime.fromtimestamp(read.modified).date()
        submissions.append(Submission(report, path.name, dt.datetime.combine(received, dt.time())))
    for line in refused:
        print(_("KHÔNG NHẬN: {reason}").format(reason=line), file=sys.stderr)
    if template is None:
        raise KnownError(_("Không có tệp nào tổng hợp được ({n} tệp bị từ chối).").format(
            n=len(refused)))
    if own is not None and own.template_ref.partition("@")[0] != template.id:
        raise KnownError(_("--own: tệp {name} dùng mẫu {found}, khác mẫu {wanted} của các đơn vị."
                           ).format(name=args.own.name, found=own.template_ref, wanted=template.id))
    result = consolidate(template, submissions, unit=unit, period=period, own=own)
    write_report(result.report, template, args.out)
    _check_written(args.out)
    context = build_context(result.report, template)
    print(_("Đã tổng hợp {n} báo cáo vào {path}").format(n=len(submissions), path=args.out))
    if refused:
        print(_("{n} tệp không được tổng hợp (xem lý do ở trên).").format(n=len(refused)))
    errors = sum(1 for f in context.findings if f.severity.value == "error")
    if errors:
        print(_("Báo cáo tổng hợp có {n} lỗi; chạy lệnh check để xem.").format(n=errors))
    return EXIT_FINDINGS if refused else EXIT_OK


def _registry() -> TemplateRegistry:
    from cchc_desktop.domain.template import shipped_templates

    return shipped_templates()


def _own_report(path: Path, unit, period, args):  # type: ignore[no-untyped-def]
    """--own: the consolidating unit's own report of the same period, nothing else."""
    own = _read_choosing(path, args)[0]
    if own.unit.code != unit.code or (own.period.year, own.period.kind) != (period.year,
                                                                            period.kind):
        raise KnownError(_(
            "--own: tệp {name} là báo cáo {found_period} của {found_unit} (mã {found_code}); cần "
            "báo cáo {period} của chính đơn vị tổng hợp {unit} (mã {code}).").format(
            name=path.name, found_period=own.period.label, found_unit=own.unit.name,
            found_code=own.unit.code, period=period.label, unit=unit.name, code=unit.code))
    return own


def _check_written(path: Path) -> None:
    """The output is read back with the strict reader `check` uses: a file it would refuse is
    removed, never left behind."""
    try:
        _read(path)
    except KnownError as exc:
        path.unlink(missing_ok=True)
        raise KnownError(_("Tệp tổng hợp tạo ra không đọc lại được nên đã bị xóa: {reason}").format(
            reason=exc.message)) from exc


def _templates(args: argparse.Namespace) -> int:
    from cchc_desktop.domain.template import shipped_templates

    registry = shipped_templates()
    for template_id in registry.ids():
        template = registry.get(template_id)
        versions = ", ".join(map(str, registry.versions(template_id)))
        print(_("{id}\tphiên bản {versions}\t{title}\t{n} chỉ tiêu").format(
            id=template_id, versions=versions, title=template.title,
            n=format_number(len(template.indicators))))
    return EXIT_OK


def _secret_from_env(variable: str | None) -> str | None:
    import os

    if not variable:
        return None
    value = os.environ.get(variable)
    if value is None:
        raise KnownError(_("Biến môi trường {var} chưa được đặt.").format(var=variable))
    return value


def _package(args: argparse.Namespace) -> int:
    from cchc_desktop.submission.signing import SigningKey, load_pkcs11, load_pkcs12
    from cchc_desktop.submission.submit import Submission, submit

    if args.sign and args.pkcs11:
        raise KnownError(_("Chọn một cách ký: --sign hoặc --pkcs11."))
    from_store = args.file is None
    if from_store and not args.period:
        raise KnownError(_("Cho biết tệp báo cáo, hoặc --db và --period (ví dụ 2026-Q3)."))
    if not from_store and (args.period or args.unit):
        raise KnownError(_("--unit và --period dùng với --db, không dùng cùng tệp báo cáo."))
    if not from_store:
        from cchc_desktop.fileio import check_output

        check_output(args.out, folder=True)
    context = None if from_store else _context(args)
    if context is not None:
        _check_package_out(args, context.report)
    key: SigningKey | None = None
    if (args.seal is not None or args.tsa is not None) and not (args.sign or args.pkcs11):
        raise KnownError(_("--seal và --tsa chỉ dùng khi ký số (--sign hoặc --pkcs11)."))
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
        _signing_appearance(key, str(args.seal or ""), args.tsa or "")
    try:
        if context is not None:
            result: Submission = submit(context, args.out, key=key, to=args.to)
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


def _verify(args: argparse.Namespace) -> int:
    """Exit 0 valid and trusted, or unsigned (said so); 1 intact, signer not trusted; 2 invalid."""
    from types import MappingProxyType

    from cchc_desktop.domain.trust_policy import TrustPolicy, load_pem_bundle
    from cchc_desktop.submission.verify import Outcome, verify_package

    anchors: list = []  # type: ignore[type-arg]
    crls: list = []  # type: ignore[type-arg]
    for path in [*args.trust, *args.crl]:
        certificates, lists = load_pem_bundle(path)
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
        check = verify_package(args.package, trust=policy, registry=_registry())
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


def _stored_policy(path: Path):  # type: ignore[no-untyped-def]
    from cchc_desktop.storage.datafile import open_for_reading
    from cchc_desktop.storage.trust_store import TrustStore

    database = open_for_reading(path)
    try:
        return TrustStore(database).policy()
    finally:
        database.close()


def _pin_signer(args: argparse.Namespace, check) -> str:  # type: ignore[no-untyped-def]
    """--pin-signer: pin the signer's certificate if the unit has none; the sentence said."""
    from cchc_desktop.imports.signer_pins import SignedArrival, accept_offers, pin_offers
    from cchc_desktop.storage.trust_store import TrustStore, short_fingerprint
    from cchc_desktop.submission.verify import Outcome

    certificate = check.signature.certificate_der
    if check.outcome is Outcome.INVALID or not certificate:
        return _("Không ghim: gói không có chữ ký số nguyên vẹn.")
    opened, _store = _open_for_writing(args)
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


def _package_from_store(args: argparse.Namespace, key):  # type: ignore[no-untyped-def]
    from cchc_desktop.submission.revisions import package_from_store, plan_package
    from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_TSA_URL

    opened, store = _open_for_writing(args)
    with opened:
        own = store.own_unit()
        report_id = _stored_report_id(store, args)
        plan = plan_package(store, report_id)
        if key is not None:
            # the options win and are remembered once they proved usable; else the data file's
            seal = str(args.seal.resolve()) if args.seal else store.setting(SETTING_SEAL_PNG, "")
            tsa = args.tsa if args.tsa is not None else store.setting(SETTING_TSA_URL, "")
            _signing_appearance(key, seal, tsa)
            if args.seal is not None:
                store.set_setting(SETTING_SEAL_PNG, seal)
            if args.tsa is not None:
                store.set_setting(SETTING_TSA_URL, tsa)
        _check_package_out(args, plan.context.report)
        result, plan = package_from_store(store, report_id, args.out, key=key, plan=plan,
                                          to=args.to or (own.superior_email if own else ""))
    print(_revision_summary(plan))
    return result


def _signing_appearance(key, seal: str, tsa: str) -> None:  # type: ignore[no-untyped-def]
    """The unit's seal image and timestamp server on the key, so the signature uses them."""
    from cchc_desktop.submission.appearance_settings import SigningSetup, apply_setup

    apply_setup(key, SigningSetup(seal, tsa))


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


def _unit_code(name: str, level: str, parent: str) -> str:
    """The same code the window's setup gives: the official one when the name is in the list,
    else one derived once from the name and the superior's official code."""
    from cchc_desktop.domain.admin_units import resolve_name, units_named_in
    from cchc_desktop.domain.unit_names import derive_unit_code

    found = resolve_name(name, level=level, parent=parent)
    if len({unit.code for unit in found}) == 1:
        return found[0].code
    superiors = {unit.code for unit in units_named_in(parent)} if parent else set()
    return derive_unit_code(name, superiors.pop() if len(superiors) == 1 else "")


__all__ = ["format_percent", "main"]
