"""The whole country in one consolidation, and a board of 200 units, on both engines.

Makes one submission file per commune of the official list (resources/units: the 3,321
communes, wards and special zones in force since 01/07/2025; `--units N` takes N of them,
spread over the list) with the project's own writer (exchange.json_format.dumps, or
documents.workbook.write_workbook with `--kind xlsx`), from the full commune report of
tests/data, each under its commune's real code and name. Then, for each engine (a SQLite
data file, a database on a throw-away PostgreSQL server: tests/postgres_server.py, as the
tests start it), in a process of its own so that its peak memory is its own:

- consolidation: what Báo cáo > Tổng hợp đơn vị trực thuộc runs (gui/services.Consolidation:
  prepare_consolidation, the worker processes and the checks, then apply_consolidation: the
  restore point, the sums, the store) into a province whose subordinate units are all of
  them: wall time, per file, CPU (worker processes included), peak RSS of the process and of
  the largest worker (the app's processes: the PostgreSQL server's own are not counted);
- one transaction: every transaction that wrote during the apply is counted (SQLAlchemy's
  engine events: a commit after an INSERT, UPDATE or DELETE on its connection); it must be 1,
  and the data must then hold every unit's report;
- board: imports.subordinates.board, what the dialog's board tab loads (gui/services.
  Consolidation.board), for a province of 200 units that all sent, and for the whole batch.

Beside them, the floor, in a process of its own too: reading every file, SHA-256, json.loads
(the work no reader can skip), its CPU and the memory of holding every parsed file; and the
ratio of each figure to it. Figures are printed, never asserted (tests/benchmarks runs this
with --units 5 only so that it does not rot).

    .venv/bin/python benchmarks/bench_scale.py                       # 3,321 communes, both engines
    .venv/bin/python benchmarks/bench_scale.py --units 50 --engine sqlite
    .venv/bin/python benchmarks/bench_scale.py --units 200 --kind xlsx
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]   # this worktree's code, the test factories

from bench_consolidation import floor_one  # noqa: E402
from factories import sample_report, template  # noqa: E402
from postgres_server import Server, ServerUnavailable, start_server  # noqa: E402
from sqlalchemy import Engine, event, func, select  # noqa: E402

from cchc_desktop.addresses import parse_server  # noqa: E402
from cchc_desktop.documents.workbook import write_workbook  # noqa: E402
from cchc_desktop.domain.admin_units import AdminUnit, catalogue  # noqa: E402
from cchc_desktop.domain.context import build_context  # noqa: E402
from cchc_desktop.domain.errors import KnownError  # noqa: E402
from cchc_desktop.domain.report import Proposal, Report  # noqa: E402
from cchc_desktop.domain.units import Unit  # noqa: E402
from cchc_desktop.exchange.json_format import dumps, read_report  # noqa: E402
from cchc_desktop.gui.services import Consolidation  # noqa: E402
from cchc_desktop.storage.database import Database  # noqa: E402
from cchc_desktop.storage.models import ReportRow  # noqa: E402
from cchc_desktop.storage.repository import OwnUnit, ReportStore  # noqa: E402
from cchc_desktop.storage.server import open_server  # noqa: E402

COUNTRY = 3321
BOARD_UNITS = 200
PROVINCE = OwnUnit("bench-tinh", "Ủy ban nhân dân tỉnh Thử Toàn Quốc", "tinh")


# ---------------------------------------------------------------------- the units' files
def communes(count: int) -> list[AdminUnit]:
    """`count` communes of today's official list, spread over it (every one at 3,321)."""
    listed = sorted((u for u in catalogue().current.units.values() if u.level == "xa"),
                    key=lambda u: u.code)
    if count >= len(listed):
        return listed
    step = len(listed) / count
    return [listed[int(i * step)] for i in range(count)]


def unit_of(commune: AdminUnit) -> Unit:
    return Unit(commune.code, commune.body_name, "xa", f"Ủy ban nhân dân tỉnh {commune.province_name}")


def report_of(base: Report, commune: AdminUnit, index: int) -> Report:
    """The sample commune report as `commune` sent it: its unit, its proposals, every fifth
    one after the deadline (so the board shows late units)."""
    unit = unit_of(commune)
    date = base.document.date
    if index % 5 == 4 and date is not None:
        date += dt.timedelta(days=5)
    document = dataclasses.replace(base.document, date=date, place=commune.name)
    return dataclasses.replace(
        base, unit=unit, document=document,
        proposals=[Proposal(unit.name, p.to, p.text) for p in base.proposals])


def make_files(folder: Path, units: list[AdminUnit], kind: str) -> list[Path]:
    """One file per commune, written by the app's writer (0.2 s a workbook: --kind xlsx is
    slow to prepare at 3,321)."""
    base, shipped = sample_report(), template(sample_report().template_ref)
    paths = []
    for index, commune in enumerate(units):
        path = folder / f"{commune.code}.{kind}"
        report = report_of(base, commune, index)
        if kind == "json":
            path.write_text(dumps(report, shipped), "utf-8")
        else:
            write_workbook(build_context(report, shipped), path)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------- measures
def rss_mb() -> float:
    """The resident memory of this process now (VmRSS), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024   # KiB on Linux


def cpu_seconds() -> float:
    """CPU of this process and of its finished children (the worker processes)."""
    own, children = (resource.getrusage(resource.RUSAGE_SELF),
                     resource.getrusage(resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class WriteTransactions:
    """Transactions that wrote, counted at their commit (and those rolled back)."""

    WRITES = ("INSERT", "UPDATE", "DELETE")

    def __init__(self, engine: Engine) -> None:
        self.committed: list[int] = []     # statements that wrote, per committed transaction
        self.rolled_back = 0
        self.counting = False
        event.listen(engine, "before_cursor_execute", self._executed)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)

    def _executed(self, connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip()[:6].upper() in self.WRITES:
            connection.info["writes"] = connection.info.get("writes", 0) + 1

    def _commit(self, connection: Any) -> None:
        writes = connection.info.pop("writes", 0)
        if writes and self.counting:
            self.committed.append(writes)

    def _rollback(self, connection: Any) -> None:
        if connection.info.pop("writes", 0) and self.counting:
            self.rolled_back += 1


def open_database(engine: str, where: str) -> Database:
    if engine == "sqlite":
        return Database.open(Path(where))
    return open_server(parse_server(where))


def province(database: Database, units: list[AdminUnit]) -> tuple[ReportStore, int, float]:
    """A province whose subordinate units are `units`, with a new Q1 2026 report; the
    seconds storing the units took."""
    store = ReportStore(database)
    store.save_own_unit(PROVINCE)
    started = time.perf_counter()
    store.set_subordinate_units([unit_of(c) for c in units])
    stored = time.perf_counter() - started
    return store, store.create_report(2026, "Q1"), stored


def consolidate_all(engine: str, where: str, board_where: str, paths: list[Path],
                    units: list[AdminUnit], board_units: int) -> dict[str, Any]:
    """The child process of one engine: every figure of its column."""
    database = open_database(engine, where)
    store, report_id, units_s = province(database, units)
    service = Consolidation(store, report_id)
    writes = WriteTransactions(database.engine)
    rss_before = rss_mb()
    cpu = cpu_seconds()
    started = time.perf_counter()
    preview = service.prepare(paths)
    prepared = time.perf_counter()
    writes.counting = True
    apply_cpu = time.process_time()
    service.apply(preview, replace_codes=set(), visible_choices={})
    applied = time.perf_counter()
    apply_cpu = time.process_time() - apply_cpu
    writes.counting = False
    cpu = cpu_seconds() - cpu
    peak, worker_peak = peak_mb(), peak_mb(resource.RUSAGE_CHILDREN)
    with database.session() as session:
        stored = session.scalar(select(func.count()).select_from(ReportRow)) or 0
    consolidated = store.load_report(report_id)
    readback = json_readback(consolidated, Path(paths[0]).parent.parent / f"{engine}.json")
    started_board = time.perf_counter()
    rows = service.board()
    board_all = time.perf_counter() - started_board
    database.close()
    result = {
        "files": len(paths), "accepted": len(preview.accepted), "refused": len(preview.refused),
        "first_refusals": [r.message for r in preview.refused[:3]],
        "units_s": units_s, "prepare_s": prepared - started, "apply_s": applied - prepared,
        "cpu_s": cpu, "apply_cpu_s": apply_cpu, "rss_before_mb": rss_before, "peak_mb": peak,
        "worker_peak_mb": worker_peak,
        "write_transactions": len(writes.committed), "statements": sum(writes.committed),
        "rolled_back": writes.rolled_back, "stored_reports": stored,
        "subunits": len(consolidated.subunits), "proposals": len(consolidated.proposals),
        "board_all_s": board_all, "board_all_rows": len(rows), "json_readback": readback,
    }
    result |= board_of(engine, board_where, paths[:board_units], units[:board_units])
    return result


def json_readback(report: Report, path: Path) -> str:
    """The province's consolidated report written as a .json exchange file (what it sends up)
    and read back by the app's own reader: "ok", or the reader's refusal."""
    path.write_text(dumps(report, template(report.template_ref)), "utf-8")
    try:
        read_report(path)
    except KnownError as exc:
        return " ".join(exc.message.split())
    finally:
        path.unlink(missing_ok=True)
    return "ok"


def board_of(engine: str, where: str, paths: list[Path], units: list[AdminUnit]) -> dict[str, Any]:
    """The board tab of a province of len(units) units that all sent: best of 3 loads."""
    database = open_database(engine, where)
    store, report_id, _units_s = province(database, units)
    service = Consolidation(store, report_id)
    service.apply(service.prepare(paths), replace_codes=set(), visible_choices={})
    times, rows = [], []
    for _run in range(3):
        started = time.perf_counter()
        rows = service.board()
        times.append(time.perf_counter() - started)
    database.close()
    late = sum(1 for row in rows if row.status.value == "late")
    return {"board_s": min(times), "board_rows": len(rows), "board_late": late}


def floor_all(paths: list[Path]) -> dict[str, Any]:
    """The child process of the floor: read, SHA-256 and parse every file, keeping them all
    (a consolidation holds every report at once)."""
    rss_before = rss_mb()
    kept = []
    cpu = time.process_time()
    for path in paths:
        if path.suffix != ".json":       # a workbook: unzipped and parsed as bench_consolidation does
            floor_one(path)
            continue
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        kept.append(json.loads(data))
    cpu = time.process_time() - cpu
    return {"cpu_s": cpu, "rss_before_mb": rss_before, "peak_mb": peak_mb(), "files": len(paths)}


# ---------------------------------------------------------------------- the parent
def child(role: str, folder: Path, args: argparse.Namespace, where: str = "",
          board_where: str = "") -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", role, "--folder", str(folder),
               "--units", str(args.units), "--kind", args.kind, "--board", str(args.board),
               "--where", where, "--board-where", board_where]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1],
                "stderr": done.stderr[-4000:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@dataclasses.dataclass
class Row:
    label: str
    key: str
    scale: float = 1.0           # seconds -> ms per file, etc.
    baseline: str = ""           # the floor's key
    fmt: str = "{:.2f}"


def print_table(columns: dict[str, dict[str, Any]], floor: dict[str, Any], count: int,
                board: int) -> None:
    per_file = 1000 / count
    for result in columns.values():
        if "error" not in result:
            result["window_s"] = result["prepare_s"] + result["apply_s"]
    floor_extra = floor["peak_mb"] - floor["rss_before_mb"]
    floor |= {"cpu_ms": floor["cpu_s"] * per_file, "extra_mb": floor_extra,
              "board_floor_ms": floor["cpu_s"] / count * board * 1000}
    rows = [
        Row(f"subordinate units stored ({count}), s", "units_s"),
        Row("prepare (workers, checks), ms/file", "prepare_s", per_file, "cpu_ms"),
        Row("apply (one transaction), ms/file", "apply_s", per_file, "cpu_ms"),
        Row("consolidation wall, ms/file", "window_s", per_file, "cpu_ms"),
        Row("consolidation wall, s total", "window_s"),
        Row("consolidation CPU (workers incl.), ms/file", "cpu_s", per_file, "cpu_ms"),
        Row("  of which the apply (this process), ms/file", "apply_cpu_s", per_file, "cpu_ms"),
        Row("peak RSS of the process, MB", "peak_mb", fmt="{:.0f}"),
        Row("  growth over the RSS before it, MB", "growth_mb", baseline="extra_mb", fmt="{:.0f}"),
        Row("peak RSS of the largest worker, MB", "worker_peak_mb", fmt="{:.0f}"),
        Row("transactions that wrote (apply)", "write_transactions", fmt="{:d}"),
        Row("  statements in them", "statements", fmt="{:d}"),
        Row("  transactions rolled back", "rolled_back", fmt="{:d}"),
        Row("reports stored (units + province)", "stored_reports", fmt="{:d}"),
        Row("units in the submission annex", "subunits", fmt="{:d}"),
        Row("proposals gathered", "proposals", fmt="{:d}"),
        Row(f"board of {board} units (all sent), ms", "board_s", 1000, "board_floor_ms"),
        Row("  rows, of which late", "board_rows_late", fmt="{}"),
        Row(f"board of all {count} units, ms", "board_all_s", 1000),
    ]
    for result in columns.values():
        if "error" not in result:
            result["growth_mb"] = result["peak_mb"] - result["rss_before_mb"]
            result["board_rows_late"] = f"{result['board_rows']} / {result['board_late']}"
    names = list(columns)
    header = f"{'figure':46s}" + "".join(f"{n:>12s}" for n in names) + f"{'floor':>10s}" + "".join(
        f"{n + '/floor':>18s}" for n in names)
    print(header)
    print("-" * len(header))
    for row in rows:
        line = f"{row.label:46s}"
        values = []
        for name in names:
            result = columns[name]
            value = result.get(row.key) if "error" not in result else None
            if isinstance(value, float):
                value *= row.scale
            values.append(value)
            line += f"{'—' if value is None else row.fmt.format(value):>12s}"
        base = floor.get(row.baseline) if row.baseline else None
        line += f"{'' if base is None else f'{base:.2f}':>10s}"
        for value in values:
            ratio = (f"{value / base:.1f}x" if base and isinstance(value, float) else "")
            line += f"{ratio:>18s}"
        print(line)
    for name, result in columns.items():
        if "error" in result:
            print(f"\n{name}: FAILED: {result['error']}\n{result.get('stderr', '')}")
            continue
        print(f"{name}: the consolidated report as .json, read back: {result['json_readback']}")
        if result["refused"]:
            print(f"\n{name}: {result['refused']} files refused, first: {result['first_refusals']}")


@dataclasses.dataclass
class Postgres:
    server: Server | None
    reason: str = ""


@contextlib.contextmanager
def postgres(running: Server | None = None) -> Iterator[Postgres]:
    """`running`, else a throw-away cluster (tests/postgres_server.py) stopped afterwards."""
    if running is not None:
        yield Postgres(running)
        return
    try:
        server = start_server()
    except ServerUnavailable as exc:
        yield Postgres(None, str(exc))
        return
    try:
        yield Postgres(server)
    finally:
        server.stop()


def run(argv: list[str] | None = None, server: Server | None = None) -> dict[str, dict[str, Any]]:
    """Print the table; the figures by column ("floor", "SQLite", "PostgreSQL"). `server`: a
    running cluster to use (the tests' own) instead of a throw-away one."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=COUNTRY, help="communes (default: all 3,321)")
    parser.add_argument("--board", type=int, default=BOARD_UNITS, help="units of the board (200)")
    parser.add_argument("--kind", choices=("json", "xlsx"), default="json")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), action="append")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--where", default="", help=argparse.SUPPRESS)
    parser.add_argument("--board-where", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    units = communes(args.units)
    board = min(args.board, len(units))
    if args.child:
        paths = [Path(args.folder) / f"{c.code}.{args.kind}" for c in units]
        result = (floor_all(paths) if args.child == "floor" else
                  consolidate_all(args.child, args.where, args.board_where, paths, units, board))
        print(json.dumps(result))
        return {args.child: result}
    engines = args.engine or ["sqlite", "postgres"]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {len(units)} communes "
          f"of the official list ({len(communes(COUNTRY))} listed), .{args.kind}; "
          f"every engine and the floor in a process of its own")
    columns: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-scale-") as temp:
        folder = Path(temp) / "files"
        folder.mkdir()
        started = time.perf_counter()
        make_files(folder, units, args.kind)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"made {len(units)} files ({size / 2**20:.1f} MB) in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        floor = child("floor", folder, args)
        for engine in engines:
            if engine == "sqlite":
                columns["SQLite"] = child("sqlite", folder, args, str(Path(temp) / "tinh.sqlite3"),
                                          str(Path(temp) / "board.sqlite3"))
                continue
            with postgres(server) as pg:
                if pg.server is None:
                    print(f"PostgreSQL: no server ({pg.reason})")
                    continue
                names = f"bench_{os.getpid()}_{time.monotonic_ns()}"
                columns["PostgreSQL"] = child("postgres", folder, args,
                                              pg.server.create_database(names + "_tinh"),
                                              pg.server.create_database(names + "_board"))
    print("floor = read + SHA-256 + json.loads (a workbook: unzipped and parsed as in "
          "bench_consolidation) of the same files in one process (CPU, ms/file); memory: "
          "holding the parsed .json files")
    print_table(columns, floor, len(units), board)
    return {"floor": floor, **columns}


if __name__ == "__main__":
    run()
