"""The template cache: a hit reads back what the file gave, anything else reads the file again.

Real template files in tmp_path (a copy of the shipped outline), a real cache folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.template import TemplateRegistry, load_template_file
from cchc_desktop.domain.template_cache import TemplateCache, cache_key, shipped_yaml
from cchc_desktop.domain.template_loading import read_template_data
from cchc_desktop.paths import templates_dir

TITLE = 'title: {vi: "Báo cáo CCHC định kỳ (giai đoạn 2021-2030)"'


@pytest.fixture
def template_file(tmp_path: Path) -> Path:
    path = tmp_path / "templates" / "cchc-2021" / "v1.yaml"
    path.parent.mkdir(parents=True)
    shutil.copy(templates_dir() / "cchc-2021" / "v1.yaml", path)
    return path


@pytest.fixture
def cache(tmp_path: Path) -> TemplateCache:
    return TemplateCache(tmp_path / "cache")


def _entries(cache: TemplateCache) -> list[Path]:
    return sorted(cache.folder.glob("*.json"))


def test_a_miss_stores_the_checked_data_and_the_next_read_is_a_hit(template_file: Path,
                                                                    cache: TemplateCache) -> None:
    first, _key, cached = read_template_data(template_file, cache)
    assert not cached and _entries(cache) == [], "stored only once the template is built"
    fresh = load_template_file(template_file, cache)
    assert len(_entries(cache)) == 1
    again, _key, cached = read_template_data(template_file, cache)
    assert cached and again == first
    assert load_template_file(template_file, cache) == fresh == load_template_file(template_file)


def test_a_changed_template_file_is_read_again(template_file: Path, cache: TemplateCache) -> None:
    load_template_file(template_file, cache)
    text = template_file.read_text("utf-8")
    assert TITLE in text
    template_file.write_text(text.replace(TITLE, 'title: {vi: "Mẫu của tỉnh"'), "utf-8")
    _data, _key, cached = read_template_data(template_file, cache)
    assert not cached
    template = load_template_file(template_file, cache)
    assert template.title.vi == "Mẫu của tỉnh"
    assert len(_entries(cache)) == 1, "the entry of the old file is dropped"
    assert read_template_data(template_file, cache)[2]


def test_a_changed_schema_is_another_key() -> None:
    assert cache_key(b"template", b"schema") != cache_key(b"template", b"schema 2")
    assert cache_key(b"template", b"schema") == cache_key(b"template", b"schema")


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                                   # a torn write
    lambda raw: raw.replace(b"cchc-2021", b"cchc-2099", 1),             # body altered
    lambda raw: b"not json\n" + raw.partition(b"\n")[2],                # header gone
    lambda raw: b"",
])
def test_a_damaged_entry_is_ignored_and_rebuilt(template_file: Path, cache: TemplateCache,
                                                damage: object) -> None:
    expected = load_template_file(template_file, cache)
    [entry] = _entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert not read_template_data(template_file, cache)[2]
    assert load_template_file(template_file, cache) == expected
    assert read_template_data(template_file, cache)[2], "rebuilt"


def test_a_foreign_entry_under_the_right_name_is_not_trusted(template_file: Path,
                                                             cache: TemplateCache) -> None:
    """An entry whose header names another key (another file's data) is a miss."""
    expected = load_template_file(template_file, cache)
    [entry] = _entries(cache)
    body = json.dumps({"id": "khac"}).encode()
    header = {"format": 1, "key": "0" * 64, "data_sha256": hashlib.sha256(body).hexdigest()}
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert not read_template_data(template_file, cache)[2]
    assert load_template_file(template_file, cache) == expected


def test_an_entry_that_passes_its_checksum_but_not_the_builder_falls_back_to_the_file(
        template_file: Path, cache: TemplateCache) -> None:
    """Never trusted beyond the file: data the checks refuse sends the reader to the file."""
    expected = load_template_file(template_file, cache)
    key = read_template_data(template_file, cache)[1]
    data = json.loads(_entries(cache)[0].read_bytes().partition(b"\n")[2])
    data["levels"] = ["khong-co"]
    assert cache.put("cchc-2021-v1", key, data)
    assert load_template_file(template_file, cache) == expected


def test_an_unwritable_cache_folder_costs_time_not_the_template(template_file: Path,
                                                               tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    cache = TemplateCache(blocker / "cache")        # cannot be made, even by root
    template = load_template_file(template_file, cache)
    assert template.ref == "cchc-2021@1"
    assert not read_template_data(template_file, cache)[2]
    assert not cache.put("x", "0" * 64, {"a": 1})


def test_dates_come_back_dates_and_data_json_would_change_is_not_stored(
        cache: TemplateCache) -> None:
    dated = {"structures": [{"id": "hai-cap", "from": dt.date(2025, 7, 1)}]}
    assert cache.put("x", "1" * 64, dated)
    assert cache.get("x", "1" * 64) == dated
    assert not cache.put("y", "0" * 64, {1: "a number as a key comes back a string"})
    written = {"$date": "2025-07-01"}
    assert not cache.put("y", "0" * 64, {"a": written, "b": dt.date(2025, 7, 1)}), "ambiguous"
    assert cache.put("z", "2" * 64, written) and cache.get("z", "2" * 64) == written
    assert not cache.put("y", "0" * 64, {"moment": dt.datetime(2025, 7, 1, 8, 0)})
    assert [entry.name[:2] for entry in _entries(cache)] == ["x-", "z-"]


def test_a_shipped_yaml_file_is_parsed_once_while_it_is_unchanged(tmp_path: Path,
                                                                 cache: TemplateCache) -> None:
    path = tmp_path / "units" / "levels.yaml"
    path.parent.mkdir()
    path.write_text("structures:\n  - {id: hai-cap, from: 2025-07-01}\n", "utf-8")
    expected = {"structures": [{"id": "hai-cap", "from": dt.date(2025, 7, 1)}]}
    assert shipped_yaml(path, cache) == expected
    [entry] = _entries(cache)
    assert entry.name.startswith("units-levels-")
    assert shipped_yaml(path, cache) == expected
    path.write_text("structures: []\n", "utf-8")
    assert shipped_yaml(path, cache) == {"structures": []}
    assert len(_entries(cache)) == 1


def test_the_registry_reads_only_the_template_asked_for(template_file: Path,
                                                       cache: TemplateCache) -> None:
    broken = template_file.parent.parent / "hong" / "v1.yaml"
    broken.parent.mkdir()
    broken.write_text("id: [không phải mẫu", "utf-8")
    registry = TemplateRegistry(template_file.parent.parent, cache)
    assert registry.ids() == ["cchc-2021", "hong"]
    assert registry.get("cchc-2021").ref == "cchc-2021@1"
    assert [entry.name[:len("cchc-2021-v1-")] for entry in _entries(cache)] == ["cchc-2021-v1-"]
    with pytest.raises(TemplateError):
        registry.get("hong")
    with pytest.raises(TemplateError):
        registry.load_all()


@pytest.mark.parametrize("name", ["vx.yaml", "v01.yaml"])
def test_a_file_name_without_a_version_is_refused_when_the_folder_is_listed(tmp_path: Path,
                                                                           name: str) -> None:
    path = tmp_path / "mau" / name
    path.parent.mkdir()
    path.write_text("id: mau\n", "utf-8")
    with pytest.raises(TemplateError) as info:
        TemplateRegistry(tmp_path)
    assert "id/phiên bản không khớp tên tệp" in info.value.message


def test_a_registry_goes_to_a_worker_process_and_reads_there(template_file: Path,
                                                            cache: TemplateCache) -> None:
    """consolidation hands the registry to the processes that read untrusted files."""
    registry = TemplateRegistry(template_file.parent.parent, cache)
    copy = pickle.loads(pickle.dumps(registry))
    assert copy.get("cchc-2021") == registry.get("cchc-2021")
    again = pickle.loads(pickle.dumps(registry))           # with a template already read
    assert again.get("cchc-2021").ref == "cchc-2021@1"
