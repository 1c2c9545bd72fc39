"""Template data already read and checked, kept between runs in the user's cache folder.

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
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def cache_key(*parts: bytes) -> str:
    """The key of data derived from `parts` (the template file's bytes, the schema's)."""
    digest = hashlib.sha256(f"cchc-template-cache-{CACHE_FORMAT}".encode())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class TemplateCache:
    """One folder of entries `<name>-<key>.json`: a header line, then the data as JSON."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @classmethod
    def default(cls) -> TemplateCache:
        import platformdirs

        from cchc_desktop.paths import APP_AUTHOR, APP_NAME

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
            return json.loads(body)
        except (OSError, ValueError):
            return None

    def put(self, name: str, key: str, data: Any) -> bool:
        """Store `data` under `key` (atomically), if it survives JSON unchanged; False if not."""
        try:
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError):
            return False
        if json.loads(body) != data:     # e.g. a YAML date or a number used as a key
            return False
        header = json.dumps({"format": CACHE_FORMAT, "key": key,
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
