"""An import inside a function says why it is there (start-up time, a cycle, an optional or
platform-specific package): a `#` comment of a few words on the import's line, on the line directly
above it, or on the line just above the first import of the contiguous block it belongs to (above the
`try:`/`if`/`with` whose body that block opens). Any other import belongs at the module's top."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cchc_desktop"
# Generated (Designer forms) or frozen (Alembic revisions): not ours to annotate.
SKIPPED_FOLDERS = (PACKAGE / "gui" / "designer", PACKAGE / "storage" / "migrations")
# Files not checked yet (none: every file of the package is).
EXCLUDED: frozenset[str] = frozenset()
# Markers for tools, not reasons: stripped before a comment is judged.
TOOL_MARKERS = re.compile(r"noqa(:\s*[\w, ]+)?|type:\s*ignore(\[[\w, -]+\])?|pragma:\s*no\s*cover", re.I)
COMPOUND = (ast.Try, ast.If, ast.With)


def _checked_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if any(path.is_relative_to(folder) for folder in SKIPPED_FOLDERS):
            continue
        if _relative(path) in EXCLUDED or f"{_relative(path.parent)}/*" in EXCLUDED:
            continue
        files.append(path)
    return files


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _reasons(source: str) -> tuple[set[int], set[int]]:
    """Lines carrying a reason comment: (any comment, comment alone on its line)."""
    any_line: set[int] = set()
    own_line: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        text = TOOL_MARKERS.sub("", token.string.lstrip("#"))
        if len(re.findall(r"\w+", text)) < 2:
            continue
        row = token.start[0]
        any_line.add(row)
        if not token.line[: token.start[1]].strip():
            own_line.add(row)
    return any_line, own_line


def _bodies(node: ast.AST) -> list[tuple[ast.AST, list[ast.stmt]]]:
    """The statement lists directly inside node (an `except` clause is a node of its own)."""
    found = []
    for field in ("body", "orelse", "finalbody"):
        value = getattr(node, field, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            found.append((node, value))
    return found


def _offenders_in(source: str, relative: str) -> list[str]:
    """`relative:line: statement` for each import inside a function of source that gives no reason."""
    tree = ast.parse(source)
    any_line, own_line = _reasons(source)
    lines = source.splitlines()
    offenders: list[str] = []

    def reason_above(row: int) -> bool:
        return row - 1 in own_line

    def judge(owner: ast.AST, body: list[ast.stmt]) -> None:
        block_start: int | None = None
        for index, statement in enumerate(body):
            if not isinstance(statement, ast.Import | ast.ImportFrom):
                block_start = None
                continue
            if block_start is None:
                block_start = statement.lineno
                opens_body = index == 0 and isinstance(owner, COMPOUND) and body is owner.body
                block_reason = reason_above(block_start) or (opens_body and reason_above(owner.lineno))
            end = statement.end_lineno or statement.lineno
            own = any(row in any_line for row in range(statement.lineno, end + 1))
            if not (own or reason_above(statement.lineno) or block_reason):
                offenders.append(f"{relative}:{statement.lineno}: {lines[statement.lineno - 1].strip()}")

    def walk(node: ast.AST, in_function: bool) -> None:
        inside = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        if inside:
            for owner, body in _bodies(node):
                judge(owner, body)
        for child in ast.iter_child_nodes(node):
            walk(child, inside)

    walk(tree, False)
    return offenders


def test_every_import_inside_a_function_says_why() -> None:
    offenders = [line for path in _checked_files()
                 for line in _offenders_in(path.read_text(encoding="utf-8"), _relative(path))]
    report = "\n".join(offenders)
    print(report)
    assert not offenders, f"{len(offenders)} imports inside functions without a reason:\n{report}"


def test_the_check_catches_an_unexplained_import() -> None:
    """A bare import inside a function is caught; each accepted form of reason passes."""
    samples = {
        "def f():\n    import json\n": 1,
        "def f():\n    import json  #\n": 1,
        "def f():\n    import json  # noqa: PLC0415\n": 1,
        "def f():\n    x = 1  # a reason for x\n    import json\n": 1,
        "def f():\n    s = '# not a comment'; import json\n": 1,
        "def f():\n    import json  # cycle: json imports us\n": 0,
        "def f():\n    from os import (\n        path,  # start-up: slow\n    )\n": 0,
        "def f():\n    # start-up: json is slow\n    import json\n    import csv\n": 0,
        "def f():\n    # start-up: json is slow\n    import json\n    x = 1\n    import csv\n": 1,
        "def f():\n    # optional: the token extra\n    try:\n        import pkcs11\n"
        "    except ImportError:\n        return\n": 0,
        "class A:\n    def m(self):\n        if True:\n            from os import path\n": 1,
        "def f():\n    def g():\n        import json\n": 1,
        "def f():\n    try:\n        pass\n    except ImportError:\n        import json\n": 1,
        "import json\nif json:\n    import csv\n": 0,
    }
    for text, expected in samples.items():
        found = _offenders_in(text, "probe.py")
        assert len(found) == expected, (text, found)
