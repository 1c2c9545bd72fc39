"""templates: the report templates shipped with the app."""

from __future__ import annotations

import argparse

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.i18n import _


def templates_command(args: argparse.Namespace) -> int:
    registry = shipped_templates()
    for template_id in registry.ids():
        template = registry.get(template_id)
        versions = ", ".join(map(str, registry.versions(template_id)))
        print(_("{id}\tphiên bản {versions}\t{title}\t{n} chỉ tiêu").format(
            id=template_id, versions=versions, title=template.title,
            n=format_number(len(template.indicators))))
    return EXIT_OK
