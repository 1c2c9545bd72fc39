"""Every kind of hostile file, offered to every door: check, import, consolidate, the window.

One corpus (HOSTILE below: numbers, text, JSON structure, workbooks, file kinds), each
item given to `check`, to `import --db`, to `consolidate` beside a good file, to the
window's consolidation (imports.subordinates, what its dialog calls) and to the window's
Tệp > Nhập kỳ trước. Each must be refused with a message in Vietnamese, within a time
bound, with no traceback, and the data file must be byte for byte what it was (it is
closed, so checkpointed, between the attempts).

The command line runs in this process (cli.main) to keep the suite fast; tests/test_cli.py
and the hostile tests beside the readers run the same doors as real processes.
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factories import DATA

from cchc_desktop.cli import main

SAMPLE = DATA / "xa-my-an-2026-Q1.json"
BUDGET_S = 10.0


def _json(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        data = json.loads(SAMPLE.read_text("utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return write


def _raw(text: str, value: str, count: int = 1) -> Callable[[Path], None]:
    """The sample's JSON text with `text` replaced by `value` (numbers JSON cannot dump)."""
    def write(path: Path) -> None:
        source = SAMPLE.read_text("utf-8")
        assert text in source
        path.write_text(source.replace(text, value, count), "utf-8", errors="surrogatepass")
    return write


def _workbook(edit: Callable[[str, bytes], bytes]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from cchc_desktop.documents.workbook import write_workbook
        from cchc_desktop.domain.context import build_context
        from cchc_desktop.exchange.json_format import read_report

        report, template = read_report(SAMPLE)
        plain = path.with_name("goc-" + path.name)
        write_workbook(build_context(report, template), plain)
        out = io.BytesIO()
        with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                target.writestr(info, edit(info.filename, source.read(info.filename)))
        path.write_bytes(out.getvalue())
        plain.unlink()
    return write


def _first_number_in_data_sheet(value: bytes) -> Callable[[str, bytes], bytes]:
    def edit(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/") and b"<v>" in data:
            head, _sep, rest = data.rpartition(b"<v>")
            return head + b"<v>" + value + b"</v>" + rest.partition(b"</v>")[2]
        return data
    return edit


def _bomb(name: str, data: bytes) -> bytes:
    return data


def _zip_bomb(path: Path) -> None:
    _workbook(_bomb)(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/bomb.bin", b"\0" * (60 * 1024 * 1024))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _link_to_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.mkdir()


def _set(*keys: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = value
    return change


PLAN = '"cddh.kh.tong": 66'
HOSTILE: dict[str, tuple[str, Callable[[Path], None]]] = {
    # numbers
    "exponent-1e999999999": ("json", _raw(PLAN, '"cddh.kh.tong": 1e999999999')),
    "exponent-1e309": ("json", _raw(PLAN, '"cddh.kh.tong": 1e309')),
    "integer-5000-digits": ("json", _raw(PLAN, '"cddh.kh.tong": ' + "9" * 5000)),
    "nan": ("json", _raw(PLAN, '"cddh.kh.tong": NaN')),
    "infinity": ("json", _raw(PLAN, '"cddh.kh.tong": Infinity')),
    "negative-count": ("json", _raw(PLAN, '"cddh.kh.tong": -66')),
    "decimal-count": ("json", _raw(PLAN, '"cddh.kh.tong": 66.5')),
    "target-nan": ("json", _json(_set("targets", "tthc.hs.xa.ty_le_dung_han", value="NaN"))),
    "target-negative": ("json", _json(_set("targets", "tthc.hs.xa.ty_le_dung_han", value="-5"))),
    "revision-10-20": ("json", _json(_set("revision", value=10**20))),
    # text
    "lone-surrogate": ("json", _raw('"Ủy ban nhân dân xã Mỹ An"', '"Ủy ban nhân dân xã M\\ud800"')),
    "nul-in-name": ("json", _json(_set("unit", "name", value="Ủy ban nhân dân xã Mỹ\x00An"))),
    "rtl-override-in-name": ("json", _json(_set("unit", "name", value="Ủy ban \u202enhân dân"))),
    "zero-width-in-code": ("json", _json(_set("unit", "code", value="xa-my\u200b-an"))),
    "duplicate-key": ("json", _raw(PLAN, PLAN + ', "cddh.kh.tong": 99')),
    # JSON structure
    "syntax-error": ("json", _raw(PLAN, PLAN + ",,")),
    "deep-nesting": ("json", lambda p: p.write_text("[" * 100_000 + "]" * 100_000, "utf-8")),
    "empty-file": ("json", lambda p: p.write_bytes(b"")),
    "not-utf8": ("json", lambda p: p.write_bytes(b"\xff\xfe{\x00")),
    # workbooks
    "workbook-exponent-in-data-sheet": ("xlsx", _workbook(_first_number_in_data_sheet(b"1e999999999"))),
    "workbook-truncated": ("xlsx", lambda p: (_workbook(_bomb)(p), p.write_bytes(p.read_bytes()[:3000]))),
    "workbook-zip-bomb": ("xlsx", _zip_bomb),
    "workbook-not-a-zip": ("xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + os.urandom(2000))),
    # file kinds
    "fifo": ("json", _fifo),
    "link-to-dev-zero": ("json", _link_to_zero),
    "folder": ("json", _folder),
}


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file holding the sample report, closed (so checkpointed)."""
    db = tmp_path_factory.mktemp("du-lieu") / "cchc.sqlite3"
    assert main(["import", str(SAMPLE), "--db", str(db)]) == 0
    return db


def _hostile(tmp_path: Path, name: str) -> Path:
    suffix, make = HOSTILE[name]
    path = tmp_path / f"{name}.{suffix}"
    make(path)
    return path


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], codes: tuple[int, ...]) -> str:
    start = time.monotonic()
    code = main(argv)
    elapsed = time.monotonic() - start
    out, err = capsys.readouterr()
    assert code in codes, (code, out, err)
    assert elapsed < BUDGET_S, f"{argv[0]} took {elapsed:.1f} s"
    assert "Traceback" not in err and err.strip(), "a message in the clerk's words"
    return err


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_door_refuses_the_hostile_file(name: str, tmp_path: Path, data_file: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _hostile(tmp_path, name)
    before = data_file.read_bytes()

    _refused(capsys, ["check", str(path)], (2,))
    _refused(capsys, ["import", str(path), "--db", str(data_file), "--replace"], (2,))
    assert data_file.read_bytes() == before, "the data file is byte for byte what it was"

    # Beside a good file, the bad one is listed and the good one summed (exit 1).
    good = tmp_path / "tot.json"
    data = json.loads(SAMPLE.read_text("utf-8"))
    data["unit"] = {"code": "xa-tot", "name": "Ủy ban nhân dân xã Tốt", "level": "xa",
                    "parent": data["unit"]["parent"]}
    good.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "tong-hop.json"
    err = _refused(capsys, ["consolidate", str(path), str(good), "--unit-name",
                            "Sở Nội vụ tỉnh Đồng Tháp", "--period", "2026-Q1", "--out", str(out)],
                   (1,))
    assert "KHÔNG NHẬN" in err and path.name in err
    assert json.loads(out.read_text("utf-8"))["values"]


@pytest.mark.parametrize("name", ["exponent-1e999999999", "lone-surrogate", "duplicate-key",
                                  "workbook-exponent-in-data-sheet", "workbook-zip-bomb", "fifo",
                                  "link-to-dev-zero"])
def test_the_window_consolidation_lists_the_hostile_file_and_goes_on(name: str,
                                                                     tmp_path: Path) -> None:
    """What the consolidation dialog calls: the bad file refused, the good one accepted."""
    from cchc_desktop.domain.units import Unit
    from cchc_desktop.exchange.json_format import read_report
    from cchc_desktop.imports.subordinates import prepare_consolidation
    from cchc_desktop.storage.datafile import open_for_writing
    from cchc_desktop.storage.repository import OwnUnit, ReportStore

    path = _hostile(tmp_path, name)
    report, _template = read_report(SAMPLE)
    with open_for_writing(tmp_path / "so.sqlite3") as opened:
        store = ReportStore(opened.database)
        store.save_own_unit(OwnUnit("87-so-noi-vu", "Sở Nội vụ tỉnh Đồng Tháp", "tinh"))
        store.set_subordinate_units([Unit(report.unit.code, report.unit.name, "xa")])
        report_id = store.create_report(2026, "Q1")
        before = store.load_report(report_id)
        start = time.monotonic()
        preview = prepare_consolidation(store, report_id, [path, SAMPLE], budget=5.0)
        assert time.monotonic() - start < 3 * BUDGET_S
        assert [r.path for r in preview.refused] == [path]
        assert preview.refused[0].message.strip()
        assert [item.path for item in preview.accepted] == [SAMPLE]
        assert store.load_report(report_id) == before, "a preview changes nothing"
