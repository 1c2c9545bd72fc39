"""The whole `cchc-desktop export` process beside LibreOffice, and `--version` beside Python.

    .venv/bin/python benchmarks/bench_export_process.py [--runs 7] [--before DIR]

Each figure is a new process, timed from its start to its exit (wall) and by the CPU it
used (user + system, its children included), median / min / max of --runs runs after
one warm-up run. Side by side, in one run:

- `cchc-desktop export` of the sample report (tests/data) to PDF, and to PDF + workbook,
  against LibreOffice (`soffice --headless --convert-to pdf`) converting a plain text of
  the same length as the PDF's text (pdftotext). Target: at least 3x faster than
  LibreOffice, and the PDF alone under 0.3 s.
- the same export with an empty template cache (the first run after an install or a
  template change): the template read with YAML and checked against the schema.
- `cchc-desktop --version` and `--help` against `python -c pass`.
- the floor of any workbook written with openpyxl (the library the project keeps): a
  process that imports openpyxl and saves 13 empty sheets (the sample's workbook has 13,
  with 1,569 styled cells and 81 merged ranges). The PDF's CPU plus that floor (less
  Python's own start) is less than any export with the workbook can cost here.

The app runs as an installed copy would: with compiled bytecode (kept in a temporary
PYTHONPYCACHEPREFIX, written by the warm-up run) and its template cache in a temporary
XDG_CACHE_HOME. `--before DIR` also runs a checkout of an earlier version from DIR
(e.g. `git archive <commit> | tar -x -C DIR`), so before and after are measured under the
same load. On a shared machine wall times are noisy: compare the CPU times.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "xa-my-an-2026-Q1.json"
PDF_TARGET_S = 0.3
LIBREOFFICE_FACTOR = 3.0


@dataclass
class Figure:
    name: str
    walls: list[float]
    cpus: list[float]

    def line(self) -> str:
        return (f"{self.name:<44} wall {statistics.median(self.walls):6.3f} s "
                f"(min {min(self.walls):.3f}, max {max(self.walls):.3f})   "
                f"CPU {statistics.median(self.cpus):6.3f} s "
                f"(min {min(self.cpus):.3f}, max {max(self.cpus):.3f})")

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


# openpyxl's own least: imported, 13 sheets as the sample's workbook has, saved, no cell.
OPENPYXL_FLOOR = """
import io
from openpyxl import Workbook
wb = Workbook()
for sheet in range(1, 13):
    wb.create_sheet(f"Trang {sheet}")
wb.save(io.BytesIO())
"""


def timed(name: str, command: Sequence[str | Path], runs: int, *, env: dict[str, str],
          cwd: Path, before_each: object = None) -> Figure:
    walls: list[float] = []
    cpus: list[float] = []
    for index in range(runs + 1):                 # the first run warms up, and is not kept
        if before_each is not None:
            before_each()  # type: ignore[operator]
        start_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(part) for part in command], cwd=cwd, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        end_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        if index:
            walls.append(wall)
            cpus.append(end_cpu.ru_utime - start_cpu.ru_utime + end_cpu.ru_stime - start_cpu.ru_stime)
    return Figure(name, walls, cpus)


def app_env(scratch: Path, code: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8",
           "PYTHONPYCACHEPREFIX": str(scratch / "pycache" / code.name),
           "XDG_CACHE_HOME": str(scratch / "cache" / code.name)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)       # an installed app has its .pyc files
    return env


def same_length_text(pdf: Path, folder: Path) -> Path:
    """A plain text as long as the report's PDF text, for LibreOffice to lay out."""
    text_file = folder / "same-length.txt"
    if shutil.which("pdftotext"):
        subprocess.run(["pdftotext", "-layout", str(pdf), str(text_file)], check=True)
    else:                                          # the report file's text stands in
        text_file.write_text(SAMPLE.read_text("utf-8"), "utf-8")
    return text_file


def ratio(mine: float, other: float) -> str:
    return f"{other / mine:.1f}x" if mine else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="a checkout of an earlier version to run beside")
    args = parser.parse_args()
    python = sys.executable
    versions = [("", ROOT)] + ([("before: ", args.before.resolve())] if args.before else [])
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        pdf, xlsx = scratch / "bao-cao.pdf", scratch / "bao-cao.xlsx"
        figures: dict[str, Figure] = {}
        for label, code in versions:
            env = app_env(scratch, code)
            export = [python, "-m", "cchc_desktop", "export", SAMPLE, "--pdf", pdf]
            figures[label + "pdf"] = timed(f"{label}export --pdf", export, args.runs, env=env, cwd=code)
            figures[label + "both"] = timed(f"{label}export --pdf --xlsx", [*export, "--xlsx", xlsx],
                                            args.runs, env=env, cwd=code)
            cache = Path(env["XDG_CACHE_HOME"])
            figures[label + "cold"] = timed(
                f"{label}export --pdf, empty template cache", export, args.runs, env=env, cwd=code,
                before_each=lambda cache=cache: shutil.rmtree(cache, ignore_errors=True))
            figures[label + "version"] = timed(f"{label}--version", [python, "-m", "cchc_desktop",
                                                                     "--version"],
                                               args.runs, env=env, cwd=code)
            figures[label + "help"] = timed(f"{label}--help", [python, "-m", "cchc_desktop", "--help"],
                                            args.runs, env=env, cwd=code)
        figures["openpyxl"] = timed("openpyxl floor: 13 empty sheets saved",
                                    [python, "-c", OPENPYXL_FLOOR], args.runs,
                                    env=app_env(scratch, ROOT), cwd=ROOT)
        figures["pass"] = timed("python -c pass", [python, "-c", "pass"], args.runs,
                                env=app_env(scratch, ROOT), cwd=ROOT)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        text_file = same_length_text(pdf, scratch)
        characters = len(text_file.read_text("utf-8"))
        if soffice:
            profile = (scratch / "lo-profile").as_uri()
            figures["soffice"] = timed(
                f"LibreOffice, text of {characters:,} chars", [
                    soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", scratch / "lo", text_file], args.runs, env=dict(os.environ), cwd=scratch)

        print(f"{args.runs} runs each (after one warm-up); sample report {SAMPLE.name}, its PDF text "
              f"{characters:,} characters\n")
        for figure in figures.values():
            print(figure.line())
        print()
        if soffice:
            office = figures["soffice"]
            for key in ("pdf", "both", "cold"):
                for label, _code in versions:
                    mine = figures[label + key]
                    print(f"{mine.name:<44} LibreOffice / this: wall {ratio(mine.wall, office.wall)}, "
                          f"CPU {ratio(mine.cpu, office.cpu)}  (target >= {LIBREOFFICE_FACTOR:.0f}x)")
            least = figures["pdf"].cpu + figures["openpyxl"].cpu - figures["pass"].cpu
            print(f"{'least for --pdf --xlsx with openpyxl':<44} CPU {least:.3f} s "
                  f"(this PDF + the openpyxl floor - python's start): LibreOffice / it "
                  f"{ratio(least, office.cpu)} at best")
        else:
            print("LibreOffice is not installed (no soffice on PATH): on Debian, "
                  "`apt-get install libreoffice-writer-nogui` brings it.")
        for label, _code in versions:
            mine = figures[label + "pdf"]
            print(f"{mine.name:<44} wall {mine.wall:.3f} s (target < {PDF_TARGET_S} s)")
        base = figures["pass"]
        for key in ("version", "help"):
            for label, _code in versions:
                mine = figures[label + key]
                print(f"{mine.name:<44} this / python -c pass: wall {mine.wall / base.wall:.1f}x, "
                      f"CPU {mine.cpu / base.cpu:.1f}x")


if __name__ == "__main__":
    main()
