"""The window reaches the data file only through the report controller and the report session.

Dialogs and pages are given what they need by gui/report_controller.py and gui/session.py
(directly, or as one of the small objects of gui/services.py); none of them imports the
storage package or reaches into a store. Then the store can change behind those three
modules, and a dialog can be tested against what it is handed.

Imports under `if TYPE_CHECKING:` only name types (a record such as ReportSummary): they are
allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).parents[2] / "cchc_desktop" / "gui"
# The controller's side of the data file: the controller, the open report (and its parts), the
# services it hands out, opening the file on a worker thread, and folding the WAL when idle.
STORE_SIDE = {"report_controller.py", "session.py", "session_parts.py", "services.py", "opening.py",
              "wal_keeper.py"}
# Modules allowed to hold the store anyway, and why.
EXEMPT = {
    # The start-up opens the data file and builds the store it hands to the controller.
    "app.py": "composition root",
}
# (module, function) allowed to read `.store` off the controller, and why.
EXEMPT_READS = {
    ("main_window.py", "store"): "window.store, the tests' view of the data file",
}


def _gui_modules() -> list[Path]:
    """Every hand-written module of the window (gui/designer is generated from ui/*.ui)."""
    return sorted(p for p in GUI.rglob("*.py") if "designer" not in p.relative_to(GUI).parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """The nodes of `tree` outside `if TYPE_CHECKING:` blocks."""
    found: list[ast.AST] = []

    def visit(node: ast.AST) -> None:
        found.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            visit(child)

    visit(tree)
    return found


def _functions_by_node(tree: ast.AST) -> dict[int, str]:
    """id(node) -> the name of the innermost function holding it."""
    owner: dict[int, str] = {}

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        owner[id(node)] = function
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "")
    return owner


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def store_access(path: Path) -> list[str]:
    """What in module `path` reaches the store: storage imports, store reads, store calls."""
    tree = ast.parse(path.read_text("utf-8"))
    owner = _functions_by_node(tree)
    problems: list[str] = []
    for node in _runtime_nodes(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            problems += [f"{line}: import {a.name}" for a in node.names
                         if a.name.startswith("cchc_desktop.storage")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cchc_desktop.storage"):
            problems.append(f"{line}: from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "store":
            problems.append(f"{line}: .store.{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr == "store" \
                and _last_name(node.value) in {"session", "controller"} \
                and (path.name, owner.get(id(node), "")) not in EXEMPT_READS:
            problems.append(f"{line}: {_last_name(node.value)}.store")
    return problems


def test_only_the_controller_and_the_session_reach_the_store() -> None:
    offenders = {p.relative_to(GUI).as_posix(): store_access(p) for p in _gui_modules()
                 if p.name not in STORE_SIDE | EXEMPT.keys()}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_each_way_of_reaching_the_store(tmp_path: Path) -> None:
    """Each kind of access is caught, and a type named for mypy only is not."""
    module = tmp_path / "dialog.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from cchc_desktop.storage.trust_store import TrustStore\n"
        "import cchc_desktop.storage.repository\n"
        "if TYPE_CHECKING:\n"
        "    from cchc_desktop.storage.repository import ReportSummary\n"
        "def f(self, session):\n"
        "    self.store.own_unit()\n"
        "    plan(session.store)\n"
        "    g(self.controller.store)\n", "utf-8")
    assert store_access(module) == [
        "2: from cchc_desktop.storage.trust_store import ...",
        "3: import cchc_desktop.storage.repository",
        "7: .store.own_unit",
        "8: session.store",
        "9: controller.store",
    ]


def test_the_window_opens_the_trust_store_of_its_data_file(window, store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    """Công cụ > Chứng thư tin cậy: the controller hands the dialog the data file's trust store."""
    from submission.trust_pki import make_ca, write_pem

    from cchc_desktop.gui.trust_dialog import TrustDialog
    from cchc_desktop.storage.trust_store import TrustStore

    TrustStore(store.database).import_certificates(write_pem(tmp_path / "goc.pem", make_ca("CA thử").cert))
    shown: list[int] = []
    monkeypatch.setattr(TrustDialog, "exec", lambda dialog: shown.append(dialog.anchors.rowCount()) or 0)
    window.ui.act_trust.trigger()
    assert shown == [1]
