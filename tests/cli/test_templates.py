"""cli/templates.py promises a line per shipped template: its id, its versions, its title and
how many indicators it has (a Vietnamese number), tab-separated for a script. Beside
tests/domain/test_template_cache.py (the templates themselves), this file runs the command
in-process."""

from __future__ import annotations

import pytest

from cchc_desktop.cli import main
from cchc_desktop.domain.template import shipped_templates


def test_a_line_per_shipped_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "cchc-2011\tphiên bản 1\tBáo cáo CCHC định kỳ (giai đoạn 2011-2020)\t214 chỉ tiêu",
        "cchc-2021\tphiên bản 1\tBáo cáo CCHC định kỳ (giai đoạn 2021-2030)\t167 chỉ tiêu",
    ]
    registry = shipped_templates()
    assert [line.split("\t")[0] for line in lines] == list(registry.ids())
    assert lines[1].endswith(f"\t{len(registry.get('cchc-2021').indicators)} chỉ tiêu")


def test_the_list_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "templates"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "cchc-2021\tversion 1\tPeriodic PAR report (2021-2030 programme)\t167 indicators")
