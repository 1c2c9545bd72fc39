"""The command line's arguments: every command, its options and their help, translated.

Each command's options are added by its own function, run only when that command's
parser is used (cliparser.Parser's `populate`): `--version`, `--help` and one command do
not build the others' options, nor read the level catalogue `consolidate --level` offers.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.addresses import AddressError, DataLocation, parse_location
from cchc_desktop.cliparser import Parser, text
from cchc_desktop.i18n import SUPPORTED_LANGUAGES, _


def _level_codes() -> list[str]:
    # start-up: the catalogue only when consolidate's options are built, never at --help
    from cchc_desktop.domain.units import level_catalogue

    return list(level_catalogue().levels)


def data_location(value: str) -> DataLocation:
    """--db, --from, --to: a data file (path or sqlite:///path) or postgresql://... (a server)."""
    try:
        return parse_location(value)
    except AddressError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


def _db_metavar() -> str:
    return _("TỆP|URL")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="cchc-desktop",
        description=_("Báo cáo cải cách hành chính định kỳ. Không có lệnh: mở cửa sổ ứng dụng."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=text("show program's version number and exit"))
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help=_("ngôn ngữ (vi, en)"))
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), help=_(
        "tệp dữ liệu (mặc định: trong thư mục dữ liệu của người dùng), hoặc máy chủ PostgreSQL "
        "postgresql://người_dùng@máy_chủ[:cổng]/tên_cơ_sở_dữ_liệu (mật khẩu lấy từ PGPASSWORD, "
        "tệp .pgpass, kho khóa của hệ điều hành, hoặc được hỏi)"))
    commands = parser.add_subparsers(dest="command", metavar=_("lệnh"))

    add = commands.add_parser
    add("check", help=_("kiểm tra một tệp báo cáo: tỷ lệ và phát hiện"), populate=_check)
    add("export", help=_("xuất báo cáo ra PDF, Excel hoặc JSON"), populate=_export)
    add("import", help=_("thêm một tệp báo cáo vào tệp dữ liệu"), populate=_import)
    add("status", help=_("xem hoặc đổi trạng thái một báo cáo trong tệp dữ liệu (dự thảo, hoàn "
                         "thành, đã gửi)"), populate=_status)
    add("backups", help=_("liệt kê các bản sao lưu (điểm khôi phục) của tệp dữ liệu hoặc máy chủ"),
        populate=_backups)
    add("consolidate", help=_("tổng hợp báo cáo của các đơn vị trực thuộc"), populate=_consolidate)
    add("convert", help=_("chuyển một báo cáo Word (.docx, hoặc .doc qua LibreOffice) thành tệp "
                          "báo cáo JSON: phần đầu, nội dung các mục, số liệu nhận ra (mã thoát 0 "
                          "đã ghi, 2 tệp không đọc được: không ghi gì)"),
        populate=_convert)
    add("templates", help=_("liệt kê các mẫu báo cáo có sẵn"))
    add("par-index", help=_("xem bộ tiêu chí Chỉ số CCHC (tệp .yaml) và điểm tính được từ một báo "
                            "cáo"), populate=_par_index)
    add("package", help=_("tạo gói gửi cấp trên: thư mục, tệp .zip và thư nháp .eml"),
        populate=_package)
    add("send", help=_("gửi gói qua thư điện tử (SMTP); với --db: qua hộp thư đi của tệp dữ liệu, "
                       "mỗi lần gửi chỉ gửi một lần"), populate=_send)
    add("outbox", help=_("xem hộp thư đi của tệp dữ liệu; --flush: gửi các thư đang chờ"),
        populate=_outbox)
    add("trust", help=_("chứng thư gốc tin cậy, danh sách thu hồi (CRL) và đơn vị đã ghim chứng "
                        "thư của tệp dữ liệu"), populate=_trust)
    add("verify", help=_("kiểm tra gói nhận từ cấp dưới: nguyên vẹn, chữ ký số, người ký có được "
                         "tin cậy (mã thoát 0 hợp lệ hoặc không ký số, 1 chưa tin cậy, 2 không hợp "
                         "lệ)"), populate=_verify)
    add("migrate-db", help=_("chuyển toàn bộ dữ liệu giữa tệp dữ liệu SQLite và máy chủ "
                             "PostgreSQL, theo cả hai chiều, không mất dữ liệu"),
        populate=_migrate_db)
    add("trends", help=_("vẽ xu hướng các chỉ tiêu chính của một đơn vị qua các kỳ báo cáo (PDF)"),
        populate=_trends)
    add("board", help=_("bảng tổng hợp tỷ lệ các đơn vị trực thuộc trong một kỳ: các tỷ lệ chính "
                        "của từng đơn vị so với chỉ tiêu, tỷ lệ chung từ tổng tử số và mẫu số "
                        "(PDF, Excel)"), populate=_board)
    add("server-roles", help=_("vai trò trên máy chủ PostgreSQL (xem, chuyên viên, lãnh đạo): cài "
                               "đặt, cấp cho từng tài khoản"), populate=_server_roles)
    return parser


def _par_index(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("criteria", type=Path, metavar=_("TỆP_TIÊU_CHÍ"),
                        help=_("bộ tiêu chí Chỉ số CCHC (.yaml, xem docs/par-index-criteria.md)"))
    parser.add_argument("--report", type=Path, metavar=_("TỆP"), help=_(
        "tệp báo cáo (.json hoặc .xlsx) cho các tiêu chí tính từ số liệu"))
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db",
                        help=_("tệp dữ liệu có bản tự đánh giá của đơn vị (cùng --unit)"))
    parser.add_argument("--unit", metavar=_("MÃ"), help=_("mã đơn vị có bản tự đánh giá"))
    parser.add_argument("--year", type=int, metavar=_("NĂM"),
                        help=_("năm được đánh giá (mặc định: năm của bộ tiêu chí)"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--pdf", type=Path, metavar=_("TỆP"), help=_(
        "ghi báo cáo tự đánh giá, chấm điểm Chỉ số CCHC (PDF) vào tệp này (cùng --db, --unit)"))
    parser.add_argument("--xlsx", type=Path, metavar=_("TỆP"), help=_(
        "ghi bảng tổng hợp tự đánh giá (Excel) vào tệp này (cùng --db, --unit)"))
    parser.add_argument("--package", type=Path, metavar=_("THƯ_MỤC"), help=_(
        "đóng gói vào thư mục này: báo cáo PDF, bảng Excel, tài liệu kiểm chứng và manifest.json "
        "(SHA-256), cả thư mục và tệp .zip (cùng --db, --unit)"))
    parser.add_argument("--date", type=dt.date.fromisoformat, metavar=_("NGÀY"), help=_(
        "ngày ghi trên báo cáo, dạng 2026-09-14 (mặc định: hôm nay)"))


def _check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar=_("TỆP"), help=_("tệp báo cáo (.json hoặc .xlsx)"))
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--previous", type=Path, metavar=_("TỆP"),
                        help=_("báo cáo kết thúc ngay trước kỳ này (kiểm tra số chuyển kỳ)"))
    _add_choice(parser)


def _export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar=_("TỆP"), help=_("tệp báo cáo (.json hoặc .xlsx)"))
    parser.add_argument("--pdf", type=Path, metavar=_("TỆP"), help=_("ghi báo cáo PDF vào tệp này"))
    parser.add_argument("--xlsx", type=Path, metavar=_("TỆP"), help=_("ghi biểu số liệu Excel vào tệp này"))
    parser.add_argument("--json", type=Path, metavar=_("TỆP"), help=_("ghi tệp trao đổi JSON vào tệp này"))
    parser.add_argument("--previous", type=Path, metavar=_("TỆP"), help=_("báo cáo kỳ trước (cột so sánh)"))
    parser.add_argument("--last-year", type=Path, metavar=_("TỆP"),
                        help=_("báo cáo cùng kỳ năm trước (cột so sánh)"))
    parser.add_argument("--trends", action="store_true", help=_(
        "kèm phụ lục xu hướng các chỉ tiêu chính vào báo cáo PDF, vẽ từ các báo cáo của đơn vị "
        "trong tệp dữ liệu (cần ít nhất 2 kỳ báo cáo định kỳ)"))
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db",
                        help=_("tệp dữ liệu đọc các kỳ báo cáo cho --trends"))
    _add_choice(parser)


def _import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar=_("TỆP"), help=_("tệp báo cáo (.json hoặc .xlsx)"))
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db")
    parser.add_argument("--replace", action="store_true",
                        help=_("thay báo cáo cùng đơn vị, cùng kỳ nếu đã có"))
    parser.add_argument("--reopen", metavar=_("LÝ_DO"), default="",
                        help=_("mở lại báo cáo đã hoàn thành hoặc đã gửi để thay, ghi lý do vào "
                               "lịch sử"))
    _add_choice(parser)


def _status(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db")
    parser.add_argument("--unit", metavar=_("MÃ"), help=_("mã đơn vị (mặc định: đơn vị của tệp)"))
    parser.add_argument("--period", required=True, help=_("kỳ, ví dụ 2026-Q3"))
    parser.add_argument("--set", dest="new_status", choices=("draft", "final", "submitted"),
                        help=_("trạng thái mới; về draft là mở lại, cần --reason"))
    parser.add_argument("--reason", default="", help=_("lý do (bắt buộc khi mở lại)"))


def _trends(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db")
    parser.add_argument("--unit", metavar=_("MÃ"), help=_("mã đơn vị (mặc định: đơn vị của tệp)"))
    parser.add_argument("--out", type=Path, required=True, metavar=_("TỆP"),
                        help=_("ghi phụ lục xu hướng (PDF) vào tệp này"))


def _board(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db")
    parser.add_argument("--year", type=int, required=True, metavar=_("NĂM"))
    parser.add_argument("--period", required=True, choices=("Q1", "H1", "Q3", "Y"),
                        help=_("kỳ báo cáo: Q1, H1 (6 tháng), Q3 hoặc Y (năm)"))
    parser.add_argument("--pdf", type=Path, metavar=_("TỆP"), help=_("ghi bảng (PDF) vào tệp này"))
    parser.add_argument("--xlsx", type=Path, metavar=_("TỆP"),
                        help=_("ghi bảng (Excel) vào tệp này"))


def _backups(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db")


def _consolidate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", type=Path, nargs="+", metavar=_("TỆP"),
                        help=_("tệp báo cáo (.json/.xlsx) hoặc gói (.zip) của các đơn vị; tệp "
                               "không dùng được bị liệt kê và bỏ qua (mã thoát 1)"))
    parser.add_argument("--unit-name", required=True, help=_("tên đơn vị tổng hợp"))
    parser.add_argument("--unit-code", help=_("mã đơn vị tổng hợp (mặc định: từ tên)"))
    parser.add_argument("--level", default="tinh", choices=_level_codes(),
                        help=_("cấp của đơn vị tổng hợp"))
    parser.add_argument("--parent", default="", help=_("cơ quan cấp trên"))
    parser.add_argument("--period", required=True, help=_("kỳ, ví dụ 2023-Q3"))
    parser.add_argument("--own", type=Path, metavar=_("TỆP"), help=_(
        "báo cáo số liệu của chính đơn vị tổng hợp, cùng kỳ (cùng mã đơn vị)"))
    parser.add_argument("--out", type=Path, required=True, metavar=_("TỆP"),
                        help=_("tệp JSON của báo cáo tổng hợp"))
    _add_choice(parser)


def _convert(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar=_("TỆP"), help=_(
        "báo cáo Word (.docx; tệp .doc cần LibreOffice trên máy)"))
    parser.add_argument("--out", type=Path, required=True, metavar=_("TỆP"),
                        help=_("tệp báo cáo JSON được ghi"))
    parser.add_argument("--template", metavar=_("MẪU"), help=_(
        "mẫu báo cáo, ví dụ cchc-2021 hoặc cchc-2011@1 (mặc định: mẫu của báo cáo mới, xem "
        "lệnh templates)"))
    parser.add_argument("--unit", metavar=_("MÃ"), help=_(
        "mã đơn vị (mặc định: tạo từ tên cơ quan ban hành)"))
    parser.add_argument("--unit-name", metavar=_("TÊN"), help=_(
        "tên đơn vị (mặc định: dòng tên cơ quan ban hành trong báo cáo)"))
    parser.add_argument("--level", choices=_level_codes(), help=_(
        "cấp của đơn vị (mặc định: nhận từ tên đơn vị)"))
    parser.add_argument("--period", metavar=_("KỲ"), help=_(
        "kỳ, ví dụ 2026-Q1 (mặc định: nhận từ tiêu đề hoặc ngày ban hành của báo cáo)"))
    parser.add_argument("--format", choices=("text", "json"), default="text", help=_(
        "cách in những gì đã lấy: văn bản hoặc JSON"))


def _package(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, nargs="?", metavar=_("TỆP"),
                        help=_("tệp báo cáo (.json/.xlsx); hoặc dùng --db, --unit và --period"))
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db",
                        help=_("lấy báo cáo từ tệp dữ liệu"))
    parser.add_argument("--unit", metavar=_("MÃ"), help=_("mã đơn vị của báo cáo trong tệp dữ liệu "
                        "(mặc định: đơn vị của tệp)"))
    parser.add_argument("--period", help=_("kỳ, ví dụ 2026-Q3"))
    parser.add_argument("--out", type=Path, required=True, metavar=_("THƯ_MỤC"), help=_("thư mục đặt gói"))
    parser.add_argument("--sign", type=Path, metavar="CERT.p12",
                        help=_("ký số báo cáo PDF bằng tệp chứng thư .p12/.pfx"))
    parser.add_argument("--password-env", metavar="VAR",
                        help=_("biến môi trường chứa mật khẩu của tệp chứng thư"))
    parser.add_argument("--pkcs11", type=Path, metavar="LIB",
                        help=_("ký bằng USB token qua thư viện PKCS#11 của token (chưa thử với "
                               "token thật)"))
    parser.add_argument("--pin-env", metavar="VAR", help=_("biến môi trường chứa mã PIN của token"))
    parser.add_argument("--org-sign", type=Path, metavar="CERT.p12", help=_(
        "chứng thư số của cơ quan (.p12/.pfx): cơ quan ký thêm một chữ ký số là hình ảnh con dấu, "
        "trùm lên 1/3 bên trái chữ ký của người có thẩm quyền (cần --seal hoặc ảnh dấu đã lưu)"))
    parser.add_argument("--org-password-env", metavar="VAR",
                        help=_("biến môi trường chứa mật khẩu của chứng thư số của cơ quan"))
    parser.add_argument("--to", default="", help=_("địa chỉ email của cơ quan cấp trên"))
    parser.add_argument("--seal", type=Path, metavar="PNG",
                        help=_("ảnh con dấu của đơn vị (.png nền trong suốt) đặt lên chữ ký; "
                               "với --db thì được lưu cho các lần sau"))
    parser.add_argument("--signature-image", type=Path, metavar="PNG", help=_(
        "ảnh chữ ký của người ký (.png nền trong suốt, chữ ký trên giấy màu xanh do đơn vị quét) "
        "đặt giữa chức vụ và họ tên người ký; với --db thì được lưu cho các lần sau"))
    parser.add_argument("--tsa", metavar="URL",
                        help=_("máy chủ dấu thời gian RFC 3161; với --db thì được lưu cho các lần "
                               "sau (--tsa \"\" để bỏ)"))
    parser.add_argument("--trends", action="store_true", help=_(
        "kèm phụ lục xu hướng các chỉ tiêu chính vào báo cáo PDF của gói (trước khi ký), vẽ từ "
        "các báo cáo của đơn vị trong tệp dữ liệu (cần ít nhất 2 kỳ báo cáo định kỳ)"))
    _add_choice(parser)


def _send(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("package", type=Path, metavar=_("GÓI"), help=_("tệp .zip hoặc thư mục của gói"))
    parser.add_argument("--to", required=True, help=_("địa chỉ thư của cơ quan cấp trên"))
    parser.add_argument("--cc", default="", help=_("gửi kèm bản sao (các địa chỉ cách nhau bằng dấu phẩy)"))
    parser.add_argument("--smtp", required=True, metavar=_("MÁY_CHỦ:CỔNG"), help=_("máy chủ thư đi"))
    parser.add_argument("--from", dest="sender", required=True, metavar=_("ĐỊA_CHỈ"),
                        help=_("địa chỉ gửi (hộp thư của đơn vị)"))
    parser.add_argument("--user", help=_("tên đăng nhập máy chủ thư (mặc định: không đăng nhập)"))
    parser.add_argument("--password-env", metavar="VAR", help=_(
        "biến môi trường chứa mật khẩu (mặc định: kho mật khẩu của hệ điều hành)"))
    security = parser.add_mutually_exclusive_group()
    security.add_argument("--starttls", action="store_true", help=_("STARTTLS (mặc định, cổng 587)"))
    security.add_argument("--ssl", action="store_true", help=_("SSL/TLS ngay từ đầu (cổng 465)"))
    security.add_argument("--plain", action="store_true",
                          help=_("không mã hóa (chỉ máy chủ chuyển thư trong mạng nội bộ)"))
    parser.add_argument("--cafile", type=Path, metavar="PEM",
                        help=_("chứng thư CA riêng của máy chủ thư cơ quan"))
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--zip-only", action="store_true",
                      help=_("chỉ đính kèm tệp .zip (máy chủ nhận thư nhỏ)"))
    size.add_argument("--split", action="store_true",
                      help=_("chia các tệp của gói thành nhiều thư vừa giới hạn của máy chủ thư"))
    parser.add_argument("--read-receipt", action="store_true", help=_("yêu cầu xác nhận đã đọc"))
    parser.add_argument("--db", type=Path, metavar=_("TỆP"), dest="sub_db",
                        help=_("đưa vào hộp thư đi của tệp dữ liệu trước khi gửi"))
    parser.add_argument("--save-account", action="store_true",
                        help=_("với --db: lưu tài khoản thư (không lưu mật khẩu) cho các lần sau"))


def _outbox(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, required=True, metavar=_("TỆP"), dest="sub_db")
    parser.add_argument("--flush", action="store_true",
                        help=_("gửi ngay các thư đang chờ bằng tài khoản thư đã lưu"))
    parser.add_argument("--password-env", metavar="VAR", help=_(
        "biến môi trường chứa mật khẩu (mặc định: kho mật khẩu của hệ điều hành)"))


def _trust(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=data_location, required=True, metavar=_db_metavar(),
                        dest="sub_db")
    parser.add_argument("--add", type=Path, action="append", default=[], metavar=_("TỆP"),
                        help=_("nhập chứng thư gốc từ tệp .pem/.cer/.crt/.p7b (lặp lại được)"))
    parser.add_argument("--add-crl", type=Path, action="append", default=[], metavar=_("TỆP"),
                        help=_("nhập danh sách thu hồi (CRL) do một chứng thư gốc đã nhập ký"))
    parser.add_argument("--remove", action="append", default=[], metavar=_("DẤU_VÂN_TAY"),
                        help=_("xóa chứng thư gốc theo dấu vân tay SHA-256 (ít nhất 8 chữ số đầu)"))
    parser.add_argument("--list", action="store_true", help=_("liệt kê (mặc định khi không có thao tác)"))


def _verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("package", type=Path, metavar=_("GÓI"), help=_("tệp .zip hoặc thư mục của gói"))
    parser.add_argument("--trust", type=Path, action="append", default=[], metavar=_("TỆP"),
                        help=_("chứng thư gốc tin cậy (PEM/DER; có thể lặp lại)"))
    parser.add_argument("--crl", type=Path, action="append", default=[], metavar=_("TỆP"),
                        help=_("danh sách thu hồi chứng thư (CRL) ngoại tuyến (PEM/DER; có thể lặp lại)"))
    parser.add_argument("--pin", action="append", default=[], metavar=_("MÃ=SHA256"),
                        help=_("dấu vân tay SHA-256 của chứng thư mà đơn vị MÃ dùng để ký"))
    parser.add_argument("--db", type=data_location, metavar=_db_metavar(), dest="sub_db", help=_(
        "tệp dữ liệu có kho chứng thư tin cậy (chứng thư gốc, CRL, chứng thư đã ghim) để kiểm tra"))
    parser.add_argument("--pin-signer", action="store_true", help=_(
        "chữ ký còn nguyên vẹn và đơn vị chưa ghim chứng thư: ghim chứng thư của người ký vào "
        "kho của tệp --db (gói sau ký bằng chứng thư khác sẽ bị cảnh báo)"))
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _migrate_db(parser: argparse.ArgumentParser) -> None:
    parser.description = _(
        "Chép mọi bảng, từng dòng, từ NGUỒN sang ĐÍCH trong một giao dịch: có lỗi thì ĐÍCH không "
        "bị thay đổi gì. NGUỒN không bị sửa (trừ khi cần nâng cấp, sau một điểm khôi phục). Hãy "
        "đóng ứng dụng trên mọi máy đang dùng NGUỒN trước khi chuyển.")
    parser.add_argument("--from", dest="source", type=data_location, required=True,
                        metavar=_("NGUỒN"), help=_(
                            "dữ liệu hiện có: sqlite:///đường_dẫn (hoặc đường dẫn tệp) hoặc "
                            "postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu"))
    parser.add_argument("--to", dest="target", type=data_location, required=True,
                        metavar=_("ĐÍCH"), help=_(
                            "nơi nhận, phải còn trống: một tệp chưa có, hoặc một cơ sở dữ liệu "
                            "chưa có dữ liệu CCHC Desktop"))


def _server_roles(parser: argparse.ArgumentParser) -> None:
    parser.description = _(
        "Máy chủ tự kiểm soát quyền: Xem (cchc_viewer) chỉ đọc; Chuyên viên (cchc_clerk) nhập, "
        "sửa số liệu; Lãnh đạo (cchc_leader) còn được hoàn thành, gửi và mở lại báo cáo. Chạy "
        "bằng tài khoản sở hữu cơ sở dữ liệu (hoặc siêu người dùng).")
    actions = parser.add_subparsers(dest="roles_action", required=True, metavar=_("việc"))
    install = actions.add_parser("install", help=_(
        "tạo các vai trò, cấp quyền trên các bảng và cài bộ kiểm tra trạng thái báo cáo (chạy "
        "lại được, sau mỗi lần nâng cấp)"))
    install.add_argument("--db", type=data_location, required=True, metavar=_("URL"),
                         dest="sub_db", help=_("postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu"))
    grant = actions.add_parser("grant", help=_(
        "đặt vai trò của một tài khoản (bỏ vai trò cũ của CCHC Desktop)"))
    grant.add_argument("--db", type=data_location, required=True, metavar=_("URL"),
                       dest="sub_db", help=_("postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu"))
    grant.add_argument("user", metavar=_("TÀI_KHOẢN"), help=_("tên đăng nhập trên máy chủ"))
    grant.add_argument("role", choices=("viewer", "clerk", "leader"), metavar=_("VAI_TRÒ"),
                       help=_("viewer (xem), clerk (chuyên viên) hoặc leader (lãnh đạo)"))
    grant.add_argument("--create-login", action="store_true", help=_(
        "tạo tài khoản đăng nhập nếu chưa có (có rồi thì đặt lại mật khẩu); mật khẩu lấy từ "
        "biến môi trường CCHC_LOGIN_PASSWORD, không bao giờ từ dòng lệnh"))
    grant.add_argument("--password-env", default="CCHC_LOGIN_PASSWORD", metavar=_("BIẾN"),
                       help=_("biến môi trường chứa mật khẩu (mặc định CCHC_LOGIN_PASSWORD)"))


def _add_choice(parser: argparse.ArgumentParser) -> None:
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--use-visible", action="store_true", help=_(
        "khi số liệu trên trang tính Excel khác phần dữ liệu ẩn: lấy số trên trang tính (ô có "
        "công thức không lấy được)"))
    choice.add_argument("--use-hidden", action="store_true", help=_(
        "khi số liệu trên trang tính Excel khác phần dữ liệu ẩn: lấy số trong phần dữ liệu ẩn"))
