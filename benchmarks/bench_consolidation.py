"""Consolidating N subordinate files in the window's path, beside the floor of the same files.

For 100, 500 and 2,000 communes, as .json exchange files and as .xlsx workbooks, prints
per file, side by side:

- floor: reading the bytes, SHA-256, and for a workbook unzipping and parsing (C expat)
  every part the reader looks at (workbook, relations, every sheet), then json.loads of
  the payload: the work no reader can skip;
- reader: cchc_desktop.reportfiles.read_for_consolidation in this process, one file after
  the other (every check of a file, no isolation, no data file);
- window: what Báo cáo > Tổng hợp đơn vị trực thuộc runs: prepare_consolidation (the worker
  processes, the checks against the data file) then apply_consolidation (restore point,
  sums, one transaction);

and the window's ratio to the floor and to the goal (3x the floor). Goal: the window within
3x the floor per file; 2,000 files under 3 s.

The files are made once and kept in the system's temporary folder (cchc-bench-consolidation-*):
an .xlsx takes ~0.2 s to write, so the 2,000 workbooks are copies of one, with the unit's
code, name and checksum patched in (the same length, so the data sheet stays valid).

    .venv/bin/python benchmarks/bench_consolidation.py              # 100 500 2000, json and xlsx
    .venv/bin/python benchmarks/bench_consolidation.py 500 --kind xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]   # this worktree's code, and the test factories

from factories import make_report, records, template  # noqa: E402

from cchc_desktop.documents.workbook import write_workbook  # noqa: E402
from cchc_desktop.domain.context import build_context  # noqa: E402
from cchc_desktop.domain.report import DocumentInfo, Report  # noqa: E402
from cchc_desktop.domain.units import Unit  # noqa: E402
from cchc_desktop.exchange.json_format import dumps  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "cchc-bench-consolidation-v1"
GOAL = 3.0


def unit_of(index: int) -> Unit:
    # Zero-padded, so that every file's code and name have the same length (see _patch).
    return Unit(f"xa-{index:04d}", f"UBND xã số {index:04d}", "xa")


def report_of(index: int, *, varied: bool = True) -> Report:
    n = index if varied else 0
    values = records(carried=n % 7, online=100 + n, in_person=50, early=120, on_time=20 + n % 9,
                     late=n % 3, pending=10 + n % 7 - n % 3 - n % 9, withdrawn=0)
    values |= {"cddh.kh.tong": 30, "cddh.kh.hoan_thanh": 10 + n % 20,
               "cds.may_tinh.tong": 20 + n % 5, "tcc.dtc.giai_ngan": f"{n}.125"}
    return make_report(values, unit=unit_of(index), year=2026, kind="Q3",
                       document=DocumentInfo(number="5", date=dt.date(2026, 9, 18)))


def _patch(model: bytes, index: int) -> bytes:
    """The model workbook (unit 0) as unit `index` sent it: code, name and checksum replaced
    in the hidden data sheet, nothing else (the figures and the visible sheets are the same)."""
    source = zipfile.ZipFile(io.BytesIO(model))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    [sheet] = [name for name, data in parts.items() if b"cchc-report-workbook" in data]
    xml = parts[sheet].decode("utf-8")
    start = xml.index('{"format":"cchc-report"')
    payload = xml[start:xml.index("</t>", start)]
    text = payload.replace("&#227;", "ã").replace("&#7889;", "ố")
    new_text = text.replace('"xa-0000"', f'"xa-{index:04d}"').replace(
        "số 0000", f"số {index:04d}")
    old_sum = hashlib.sha256(text.encode()).hexdigest()
    new_sum = hashlib.sha256(new_text.encode()).hexdigest()
    new_payload = payload.replace('"xa-0000"', f'"xa-{index:04d}"').replace(
        "s&#7889; 0000", f"s&#7889; {index:04d}")
    parts[sheet] = xml.replace(payload, new_payload).replace(old_sum, new_sum).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def make_files(folder: Path, count: int) -> list[Unit]:
    """`count` subordinate workbooks in `folder`, and their units (benchmarks/bench_isolation.py)."""
    for path in bench_files("xlsx", count):
        shutil.copyfile(path, folder / path.name)
    return [unit_of(i) for i in range(count)]


def bench_files(kind: str, count: int) -> list[Path]:
    """`count` files of `kind` (json, xlsx), made once and kept in CACHE."""
    folder = CACHE / kind
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{unit_of(i).code}.{kind}" for i in range(count)]
    missing = [i for i, path in enumerate(paths) if not path.exists()]
    if not missing:
        return paths
    started = time.perf_counter()
    if kind == "json":
        for i in missing:
            paths[i].write_text(dumps(report_of(i), template()), "utf-8")
    else:
        model = folder / "model.xlsx"
        if not model.exists():
            write_workbook(build_context(report_of(0, varied=False), template()), model)
        data = model.read_bytes()
        for i in missing:
            paths[i].write_bytes(_patch(data, i))
    print(f"made {len(missing)} {kind} files in {time.perf_counter() - started:.1f} s ({folder})")
    return paths


# ---------------------------------------------------------------------- the three measures
def floor_one(path: Path) -> None:
    data = path.read_bytes()
    hashlib.sha256(data).hexdigest()
    if path.suffix == ".json":
        json.loads(data)
        return
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        payload = ""
        for name in names:
            if name.startswith("xl/worksheets/") or name in ("xl/workbook.xml",
                                                             "xl/_rels/workbook.xml.rels"):
                root = ElementTree.fromstring(archive.read(name))
                for text in root.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"):
                    if text.text and text.text.startswith('{"format"'):
                        payload = text.text
        json.loads(payload)


def floor(paths: list[Path]) -> float:
    """CPU seconds (one process, one thread: CPU is what a shared machine does not blur)."""
    started = time.process_time()
    for path in paths:
        floor_one(path)
    return time.process_time() - started


def reader(paths: list[Path]) -> float:
    from cchc_desktop.domain.template import shipped_templates
    from cchc_desktop.reportfiles import read_for_consolidation

    registry = shipped_templates()
    started = time.process_time()
    for path in paths:
        read_for_consolidation(registry, path)
    return time.process_time() - started


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def window(paths: list[Path]) -> tuple[float, float, float]:
    """prepare + apply as the consolidation dialog runs them, on a fresh province data file:
    wall seconds of each, and the CPU seconds of both (workers included)."""
    from cchc_desktop.imports.subordinates import apply_consolidation, prepare_consolidation
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import OwnUnit, ReportStore

    with tempfile.TemporaryDirectory() as data:
        store = ReportStore(Database.open(Path(data) / "tinh.sqlite3"))
        store.save_own_unit(OwnUnit("snv", "Sở Nội vụ tỉnh Thử", "tinh"))
        store.set_subordinate_units([unit_of(i) for i in range(len(paths))])
        report_id = store.create_report(2026, "Q3")
        cpu = _cpu()
        started = time.perf_counter()
        preview = prepare_consolidation(store, report_id, paths)
        prepared = time.perf_counter()
        apply_consolidation(store, preview)
        applied = time.perf_counter()
        cpu = _cpu() - cpu
        assert len(preview.accepted) == len(paths), preview.refused[:3]
        store.database.close()
    return prepared - started, applied - prepared, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[100, 500, 2000])
    parser.add_argument("--kind", choices=("json", "xlsx"), action="append")
    parser.add_argument("--repeat", type=int, default=1, help="best of N window runs")
    args = parser.parse_args()
    kinds = args.kind or ["json", "xlsx"]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; ms per file; window = "
          f"prepare + apply (wall); cpu = the window's CPU, workers included")
    print("floor and reader: CPU of one process; ratios: to the floor, then to the goal (3x)")
    print("kind  files  floor  reader  prepare  apply  window    cpu  wall/floor  cpu/floor  "
          "cpu vs goal  total(s)")
    for kind in kinds:
        files = bench_files(kind, max(args.counts))
        for count in args.counts:
            paths = files[:count]
            floor_ms = 1000 * min(floor(paths) for _ in range(3)) / count
            reader_ms = 1000 * reader(paths) / count
            runs = [window(paths) for _ in range(args.repeat)]
            prepare, apply, cpu = min(runs, key=lambda r: r[0] + r[1])
            total = prepare + apply
            window_ms = 1000 * total / count
            cpu_ms = 1000 * cpu / count
            print(f"{kind:4s}  {count:5d}  {floor_ms:5.2f}  {reader_ms:6.2f}  "
                  f"{1000 * prepare / count:7.2f}  {1000 * apply / count:5.2f}  {window_ms:6.2f}  "
                  f"{cpu_ms:5.2f}  {window_ms / floor_ms:10.1f}  {cpu_ms / floor_ms:9.1f}  "
                  f"{cpu_ms / floor_ms / GOAL:10.2f}x  {total:8.2f}"
                  + (f"   (runs: {', '.join(f'{r[0] + r[1]:.2f}' for r in runs)}; median "
                     f"{statistics.median(r[0] + r[1] for r in runs):.2f})" if len(runs) > 1 else ""))


if __name__ == "__main__":
    main()
