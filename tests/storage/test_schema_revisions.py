"""The schema revisions the app knows without Alembic are the migration scripts' revisions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from cchc_desktop.storage.database import (
    HEAD_REVISION,
    REVISIONS,
    Database,
    alembic_config,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_constants_are_the_migration_scripts_in_order() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == HEAD_REVISION
    oldest_first = [revision.revision for revision in reversed(list(script.walk_revisions()))]
    assert list(REVISIONS) == oldest_first


def test_the_plain_sql_revision_is_what_alembic_reads(tmp_path: Path) -> None:
    from alembic.runtime.migration import MigrationContext

    database = Database.open(tmp_path / "cchc.sqlite3")
    try:
        for revision in (None, "0003", HEAD_REVISION):
            if revision is None:
                database.downgrade("base")
            else:
                database.upgrade(revision)
            with database.engine.connect() as connection:
                by_alembic = MigrationContext.configure(connection).get_current_revision()
            assert database.current_revision() == by_alembic == revision
    finally:
        database.close()


def test_an_up_to_date_file_opens_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,)
    connection.close()
    probe = ("import sys\nfrom pathlib import Path\n"
             "from cchc_desktop.storage.datafile import open_for_writing\n"
             "open_for_writing(Path(sys.argv[1])).close()\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n")
    found = subprocess.run([sys.executable, "-c", probe, str(path)], cwd=ROOT, check=True,
                           capture_output=True, text=True)
    assert found.stdout.strip() == "[]"
