"""How many of a Word report's figures the reader (imports/word.py) recognises, and how many it gets wrong.

    .venv/bin/python benchmarks/word_recognition.py [--details]

Each report of benchmarks/data/word/*.txt (written from the seed documents' facts, see the
README there) becomes a real .docx with python-docx and is read by read_word_report against
its template. Printed per report and in total: the figures it states, those proposed with
the right value (the share recognised correctly), those missed, and the wrong proposals (a
figure the report does not state, or a wrong value). Beside them, a baseline: the naive
reading "an indicator's words anywhere in a sentence take the sentence's first number", and
the ratio of the reader's share to the baseline's. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from cchc_desktop.domain.template import Template, shipped_templates  # noqa: E402
from cchc_desktop.imports.word import (  # noqa: E402
    NUMBER,
    fold,
    plain,
    read_word_report,
    template_indicators,
)

DATA = ROOT / "benchmarks" / "data" / "word"


@dataclass
class Fixture:
    name: str
    template: str = ""
    expected: dict[str, Decimal] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


@dataclass
class Score:
    stated: int = 0
    right: int = 0
    wrong: int = 0
    misses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.stated += other.stated
        self.right += other.right
        self.wrong += other.wrong


def load(path: Path) -> Fixture:
    fixture = Fixture(path.stem)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("%") or not line.strip():
            continue
        if line.startswith("@ template "):
            fixture.template = line.split()[-1]
        elif line.startswith("= "):
            _eq, code, value = line.split()
            fixture.expected[code] = Decimal(value)
        else:
            fixture.lines.append(line)
    return fixture


def build_docx(fixture: Fixture, path: Path) -> Path:
    document = docx.Document()
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            rows.clear()

    for line in fixture.lines:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        flush_table()
        if line.startswith("# "):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    flush_table()
    document.save(str(path))
    return path


def value_of(text: str) -> Decimal:
    return Decimal(text)


def score(proposed: dict[str, str], expected: dict[str, Decimal]) -> Score:
    result = Score(stated=len(expected))
    for code, value in expected.items():
        found = proposed.get(code)
        if found is not None and value_of(found) == value:
            result.right += 1
        else:
            result.misses.append(f"{code} = {value}" + (f" (proposed {found})" if found else ""))
    for code, found in proposed.items():
        if code not in expected or value_of(found) != expected[code]:
            result.wrong += 1
            result.errors.append(f"{code} = {found}"
                                 + (f" (is {expected[code]})" if code in expected else ""))
    return result


def baseline(text: str, template: Template) -> dict[str, str]:
    """The naive reading: the indicator's words anywhere in the sentence, its first number."""
    out: dict[str, str] = {}
    for sentence in re.split(r"(?<=[.;:])\s+|\n", text):
        folded = fold(sentence)
        numbers = list(NUMBER.finditer(sentence))
        if not numbers:
            continue
        first = numbers[0]
        whole = first.group(1).replace(".", "")
        value = f"{whole}.{first.group(2)}" if first.group(2) else whole
        for code, phrase, derived, _rate in template_indicators(template):
            if not derived and phrase and code not in out and f" {phrase} " in f" {folded} ":
                out[code] = value
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list each miss and wrong proposal")
    args = parser.parse_args()
    registry = shipped_templates()
    fixtures = [load(p) for p in sorted(DATA.glob("*.txt"))]
    total, base_total = Score(), Score()
    print(f"Word recognition: {len(fixtures)} reports of {DATA.relative_to(ROOT)}")
    print(f"{'report':24s} {'stated':>6s} {'right':>5s} {'missed':>6s} {'wrong':>5s}   "
          f"{'baseline right':>14s} {'wrong':>5s}")
    with tempfile.TemporaryDirectory() as folder:
        for fixture in fixtures:
            template = registry.get(fixture.template) if fixture.template else registry.default()
            path = build_docx(fixture, Path(folder) / f"{fixture.name}.docx")
            proposal = read_word_report(path, template)
            mine = score({f.code: f.value for f in proposal.figures}, fixture.expected)
            text = "\n".join(plain(list(s.narrative.blocks)) for s in proposal.sections)  # type: ignore[arg-type]
            base = score(baseline(text, template), fixture.expected)
            total.add(mine)
            base_total.add(base)
            print(f"{fixture.name:24s} {mine.stated:6d} {mine.right:5d} "
                  f"{mine.stated - mine.right:6d} {mine.wrong:5d}   {base.right:14d} "
                  f"{base.wrong:5d}")
            if args.details:
                for line in mine.misses:
                    print(f"    missed: {line}")
                for line in mine.errors:
                    print(f"    wrong:  {line}")
    share = total.right / total.stated if total.stated else 0.0
    base_share = base_total.right / base_total.stated if base_total.stated else 0.0
    ratio = f"{share / base_share:.2f}x" if base_share else "n/a"
    print()
    print(f"recognised correctly: {total.right}/{total.stated} = {100 * share:.1f}% "
          f"(baseline {base_total.right}/{base_total.stated} = {100 * base_share:.1f}%; "
          f"ratio {ratio})")
    print(f"wrong proposals: {total.wrong} (baseline {base_total.wrong})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
