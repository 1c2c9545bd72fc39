"""A stand-in `soffice` on PATH for the .doc tests: a script that writes a real .docx.

It takes LibreOffice's arguments (`--convert-to docx --outdir DIR FILE.doc`) and writes
DIR/FILE.docx with python-docx, from the lines given when it was made ("# " starts a bold
heading). `exit_code` and `sleep` make it fail or hang the way a broken LibreOffice does.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

SCRIPT = '''#!{python}
import json, sys, time
from pathlib import Path
import docx
args = sys.argv[1:]
time.sleep({sleep})
print("convert " + args[-1] + " -> docx using filter : MS Word 2007 XML")
if {exit_code}:
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit({exit_code})
assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
assert any(a.startswith("-env:UserInstallation=file://") for a in args)
out = Path(args[args.index("--outdir") + 1])
document = docx.Document()
for line in json.loads({lines!r}):
    if line.startswith("# "):
        document.add_paragraph().add_run(line[2:]).bold = True
    else:
        document.add_paragraph(line)
document.save(str(out / (Path(args[-1]).stem + ".docx")))
'''


def install_fake_soffice(folder: Path, lines: list[str] | tuple[str, ...], *, exit_code: int = 0,
                         sleep: float = 0) -> Path:
    """`folder`/soffice, executable; put `folder` first on PATH to use it."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(SCRIPT.format(python=sys.executable, lines=json.dumps(list(lines)),
                                    exit_code=exit_code, sleep=sleep), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


def path_with(folder: Path) -> str:
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def path_without_libreoffice(folder: Path) -> str:
    """A PATH holding only an empty folder: no soffice, no libreoffice."""
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def old_word_file(path: Path) -> Path:
    """Bytes that start like a Word 97-2003 (OLE2) file: what a .doc is before LibreOffice."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    return path
