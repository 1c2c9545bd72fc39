"""Regenerate resources/units/admin_units.json.gz, the official list of administrative units.

    .venv/bin/python scripts/build_admin_units.py [--wheels DIR] [--out FILE]

The names and codes are those of the statistics office (Tổng cục Thống kê, danh mục
đơn vị hành chính), as packaged on PyPI by `vietnam-provinces` (GPL-3.0-or-later, like
this app). Two releases are read, pinned below:

* 2025.10.1: the 34 provinces and 3,321 communes in force since 01/07/2025;
* 0.6.0: the 63 provinces, their districts and communes as of 04/01/2025, for reports
  of periods before 07/2025.

The app does not depend on the package at run time: the desktop bundle must start fast,
offline, and keep the list it was tested with. Without --wheels the script fetches the
two wheels with `pip download`; with --wheels it reads them from DIR. The output is
deterministic (same wheels, same bytes), so a diff of it is a diff of the list.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "units" / "admin_units.json.gz"
PACKAGE = "vietnam-provinces"
CURRENT_VERSION = "2025.10.1"
LEGACY_VERSION = "0.6.0"

# Name prefixes, longest first, and the kind code each one means in the app.
PROVINCE_KINDS = (("Thành phố", "thanh_pho_tw"), ("Tỉnh", "tinh"))
DISTRICT_KINDS = (("Thành phố", "thanh_pho"), ("Thị xã", "thi_xa"), ("Quận", "quan"), ("Huyện", "huyen"))
COMMUNE_KINDS = (("Thị trấn", "thi_tran"), ("Đặc khu", "dac_khu"), ("Phường", "phuong"), ("Xã", "xa"))


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _split(full_name: str, kinds: tuple[tuple[str, str], ...], default: str) -> tuple[str, str]:
    """'Xã Mỹ An' -> ('Mỹ An', 'xa'); a name without a known prefix keeps `default`."""
    name = _nfc(full_name)
    for prefix, kind in kinds:
        # The source writes "Thành Phố Bắc Kạn" once or twice: match the prefix in any case.
        if name.casefold().startswith(prefix.casefold() + " "):
            return name[len(prefix) + 1:], kind
    return name, default


def _wheel_json(wheel: Path) -> tuple[list[dict[str, Any]], str]:
    """The nested divisions and the data version recorded in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        data = json.loads(archive.read("vietnam_provinces/data/nested-divisions.json"))
        init = archive.read("vietnam_provinces/__init__.py").decode()
    data_version = ""
    for line in init.splitlines():
        if line.startswith("__data_version__"):
            data_version = line.split("=", 1)[1].strip().strip("'\"")
    return data, data_version


def _find_wheel(folder: Path, version: str) -> Path:
    found = sorted(folder.glob(f"vietnam_provinces-{version}-*.whl"))
    if not found:
        raise SystemExit(f"no wheel of {PACKAGE} {version} in {folder}")
    return found[0]


def _download(folder: Path) -> None:
    for version in (CURRENT_VERSION, LEGACY_VERSION):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "-d", str(folder), f"{PACKAGE}=={version}"], check=True)


def current_list(data: list[dict[str, Any]]) -> list[list[str]]:
    units: list[list[str]] = []
    for province in data:
        p_code = f"{province['code']:02d}"
        name, kind = _split(province["name"], PROVINCE_KINDS, "tinh")
        if province.get("division_type") == "thành phố trung ương":
            kind = "thanh_pho_tw"
        units.append([p_code, name, kind, ""])
        for ward in province["wards"]:
            w_name, w_kind = _split(ward["name"], COMMUNE_KINDS, "xa")
            units.append([f"{ward['code']:05d}", w_name, w_kind, p_code])
    return sorted(units, key=lambda u: (len(u[0]), u[0]))


def legacy_list(data: list[dict[str, Any]]) -> list[list[str]]:
    units: list[list[str]] = []
    for province in data:
        p_code = f"{province['code']:02d}"
        name, kind = _split(province["name"], PROVINCE_KINDS, "tinh")
        units.append([p_code, name, kind, ""])
        for district in province["districts"]:
            d_code = f"{district['code']:03d}"
            d_name, d_kind = _split(district["name"], DISTRICT_KINDS, "huyen")
            units.append([d_code, d_name, d_kind, p_code])
            for ward in district["wards"]:
                w_name, w_kind = _split(ward["name"], COMMUNE_KINDS, "xa")
                units.append([f"{ward['code']:05d}", w_name, w_kind, d_code])
    return sorted(units, key=lambda u: (len(u[0]), u[0]))


def build(wheels: Path) -> dict[str, Any]:
    current, current_data_version = _wheel_json(_find_wheel(wheels, CURRENT_VERSION))
    legacy, legacy_data_version = _wheel_json(_find_wheel(wheels, LEGACY_VERSION))
    return {
        "format": 1,
        "source": {
            "origin": "Tổng cục Thống kê, Danh mục đơn vị hành chính Việt Nam",
            "package": PACKAGE,
            "licence": "GPL-3.0-or-later",
            "generated_by": "scripts/build_admin_units.py",
        },
        "columns": ["code", "name", "kind", "parent_code"],
        "lists": [
            {"id": "2025-07", "from": "2025-07-01", "until": None,
             "package_version": CURRENT_VERSION, "data_version": current_data_version,
             "units": current_list(current)},
            {"id": "2025-01", "from": None, "until": "2025-06-30",
             "package_version": LEGACY_VERSION, "data_version": legacy_data_version,
             "units": legacy_list(legacy)},
        ],
    }


def counts(catalogue: dict[str, Any]) -> dict[str, dict[int, int]]:
    found: dict[str, dict[int, int]] = {}
    for item in catalogue["lists"]:
        by_length: dict[int, int] = {}
        for unit in item["units"]:
            by_length[len(unit[0])] = by_length.get(len(unit[0]), 0) + 1
        found[item["id"]] = by_length
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, help="folder holding the two wheels (else pip download)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels
        if wheels is None:
            wheels = Path(tmp)
            _download(wheels)
        catalogue = build(wheels)
    text = json.dumps(catalogue, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header: the same list gives the same bytes.
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                    mtime=0, compresslevel=9) as handle:
        handle.write(text.encode("utf-8"))
    for list_id, by_length in counts(catalogue).items():
        print(list_id, {"tinh": by_length.get(2, 0), "huyen": by_length.get(3, 0),
                        "xa": by_length.get(5, 0)})
    print(args.out, args.out.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
