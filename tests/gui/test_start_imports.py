"""What the window's start loads before its first paint: the window's own code, never the
libraries or the domain of work done later (the data layer opens behind the shown window,
documents load with the first export, the PAR index, trends and the units' board with their
dialogs). Read in a new process, as the app starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LATER_LIBRARIES = {"sqlalchemy", "alembic", "openpyxl", "reportlab", "pyhanko", "cryptography",
                   "yaml", "jsonschema", "docx"}
LATER_DOMAIN = {"cchc_desktop.domain.par_index", "cchc_desktop.domain.par_index_scoring",
                "cchc_desktop.domain.par_report", "cchc_desktop.domain.trends",
                "cchc_desktop.domain.unit_board"}


def test_the_shown_window_has_loaded_none_of_the_later_work() -> None:
    script = ("import sys\n"
              "from PySide6.QtWidgets import QApplication\n"
              "qt = QApplication([])\n"
              "from cchc_desktop.gui import app\n"
              "app.prepare_application(qt)\n"
              "window = app.MainWindow()\n"
              "window.show()\n"
              "qt.processEvents()\n"
              "print('\\n'.join(sorted(sys.modules)))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set(result.stdout.split())
    assert "cchc_desktop.gui.main_window" in modules and "PySide6.QtWidgets" in modules
    assert {m.partition(".")[0] for m in modules} & LATER_LIBRARIES == set()
    assert modules & LATER_DOMAIN == set()
    # The instance lock and the storage errors are taken before the file opens; they bring
    # no SQLAlchemy (checked above). Documents, imports and packages come later still.
    assert not {m for m in modules if m.startswith(("cchc_desktop.documents.", "cchc_desktop.imports.",
                                                    "cchc_desktop.submission."))}
