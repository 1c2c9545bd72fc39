"""Template data already read and checked, kept between runs in the user's cache folder.

(The other YAML files shipped with the app, such as the level catalogue, are kept the
same way by `shipped_yaml`: their checks are code and run on every read.)

Reading a template file with YAML and checking it against the schema takes most of a
short command's time (150 ms of a 0.5 s export); the checked data, written as JSON,
reads back in a few milliseconds. An entry is used only when its key, the hash of the
template file's bytes together with the schema's and this format's, is the one asked
for, and its body still has the checksum written with it: a changed template, a new
schema, a half-written or foreign file is a miss and the file is read again. Writing
is best effort: a cache folder that cannot be written costs time, never the command.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

from cchc_desktop.paths import APP_AUTHOR, APP_NAME

CACHE_FORMAT = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_DATE = "$date"      # how a YAML date (levels' from/until) is written in JSON


def _dated(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and _DATE in mapping:
        return dt.date.fromisoformat(mapping[_DATE])
    return mapping


def cache_key(*parts: bytes) -> str:
    """The key of data derived from `parts` (the template file's bytes, the schema's)."""
    digest = hashlib.sha256(f"cchc-template-cache-{CACHE_FORMAT}".encode())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def parse_yaml(text: str) -> Any:
    """YAML with libyaml when PyYAML was built with it (seven times faster), else in Python."""
    import yaml  # start-up: yaml (~10 ms) only when a template is read, not from the cache

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # both loaders are safe ones


def shipped_yaml(path: Path, cache: TemplateCache | None = None) -> Any:
    """The data of a YAML file, from `cache` while the file's bytes are those it came from."""
    raw = path.read_bytes()
    if cache is None:
        return parse_yaml(raw.decode("utf-8"))
    name, key = f"{path.parent.name}-{path.stem}", cache_key(raw)
    data = cache.get(name, key)
    if data is None:
        data = parse_yaml(raw.decode("utf-8"))
        cache.put(name, key, data)
    return data


class TemplateCache:
    """One folder of entries `<name>-<key>.json`: a header line, then the data as JSON."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def default(cls) -> TemplateCache:
        return cls(Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "templates")

    def path(self, name: str, key: str) -> Path:
        return self.folder / f"{_UNSAFE.sub('_', name)}-{key}.json"

    def get(self, name: str, key: str) -> Any | None:
        """The data stored under `key`, or None: missing, unreadable, foreign or damaged."""
        try:
            raw = self.path(name, key).read_bytes()
            head, _newline, body = raw.partition(b"\n")
            header = json.loads(head)
            if not (isinstance(header, dict) and header.get("format") == CACHE_FORMAT
                    and header.get("key") == key
                    and header.get("data_sha256") == hashlib.sha256(body).hexdigest()):
                return None
            return json.loads(body, object_hook=_dated if header.get("dates") else None)
        except (OSError, ValueError):
            return None

    def put(self, name: str, key: str, data: Any) -> bool:
        """Store `data` under `key` (atomically), if it survives JSON unchanged; False if not."""
        dates: list[dt.date] = []

        def undated(value: object) -> object:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                dates.append(value)
                return {_DATE: value.isoformat()}
            raise TypeError(type(value).__name__)

        try:
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                              default=undated).encode("utf-8")
            if json.loads(body, object_hook=_dated if dates else None) != data:
                return False             # e.g. a number used as a key would come back a string
        except (TypeError, ValueError):
            return False
        header = json.dumps({"format": CACHE_FORMAT, "key": key, "dates": bool(dates),
                             "data_sha256": hashlib.sha256(body).hexdigest()}).encode("ascii")
        target = self.path(name, key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=self.folder)
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header + b"\n" + body)
            # No fsync: a file torn by a power cut fails its checksum and is read again.
            os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            return False
        self._prune(target)
        return True

    def _prune(self, kept: Path) -> None:
        """Entries of the same template under another key (an older file) are dropped."""
        prefix = kept.name[:-len(".json") - 64]
        with contextlib.suppress(OSError):
            for entry in self.folder.iterdir():
                name = entry.name
                if (name != kept.name and name.startswith(prefix) and name.endswith(".json")
                        and _DIGEST.match(name[len(prefix):-len(".json")])):
                    with contextlib.suppress(OSError):
                        entry.unlink()
