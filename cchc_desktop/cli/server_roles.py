"""server-roles: the IT person installs the server's roles and gives each login its role."""

from __future__ import annotations

import argparse
import os

from cchc_desktop.addresses import ServerAddress
from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import ask_password, data_location
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

# The new login's password is read from this variable (or --password-env's): a password on
# the command line would be seen by every user of the machine (ps) and kept in the shell's
# history.
PASSWORD_VARIABLE = "CCHC_LOGIN_PASSWORD"


def server_roles_command(args: argparse.Namespace) -> int:
    # only this command needs the server's modules
    from cchc_desktop.storage.server import open_server
    from cchc_desktop.storage.server_roles import ROLES, grant, install, role_label

    location = data_location(args)
    if not isinstance(location, ServerAddress):
        raise KnownError(_("Vai trò chỉ có trên máy chủ PostgreSQL: hãy cho --db "
                           "postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu."))
    database = open_server(location, ask=ask_password)
    try:
        if args.roles_action == "install":
            done = install(database)
            print(_("Đã cài các vai trò cchc_viewer, cchc_clerk, cchc_leader và quyền trên {n} "
                    "bảng của lược đồ {schema} ({server}).").format(
                        n=done.tables, schema=done.schema, server=database.label))
            return EXIT_OK
        password = None
        if args.create_login:
            password = os.environ.get(args.password_env, "")
            if not password:
                raise KnownError(_("Hãy đặt mật khẩu của tài khoản mới vào biến môi trường "
                                   "{var} (không ghi mật khẩu trên dòng lệnh).").format(
                                       var=args.password_env))
        grant(database, args.user, args.role, create_login=args.create_login, password=password)
        print(_("Tài khoản {user} có vai trò {label} ({role}) trên {server}.").format(
            user=args.user, label=role_label(ROLES[args.role]), role=ROLES[args.role],
            server=database.label))
        return EXIT_OK
    finally:
        database.close()
