"""Reports and units in the data file, as domain objects; every edit recorded in the history.

`ReportStore` is assembled from one part per concern, each in its own module: units
(storage/units.py), reports saved whole and their context (reports.py), single edits
(edits.py), comparison columns (comparisons.py), consolidations (consolidations.py),
packages and revisions (packages.py), settings (settings.py), the outbox (outbox.py),
evidence documents (evidence.py). The names callers import from here stay here.
"""

from __future__ import annotations

from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.template import TemplateRegistry, shipped_templates
from cchc_desktop.storage.changes import Change, current_user
from cchc_desktop.storage.consolidations import ConsolidationPart, StoredSubmission
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.edits import EditsPart
from cchc_desktop.storage.evidence import EvidencePart
from cchc_desktop.storage.outbox import OutboxPart
from cchc_desktop.storage.packages import PackageRecord, PackagesPart, RevisionPlan
from cchc_desktop.storage.par_answers import ParAnswersPart
from cchc_desktop.storage.reports import ReportSummary
from cchc_desktop.storage.settings import SettingsPart
from cchc_desktop.storage.units import OwnUnit

# The domain's error, under the name the window and older tests know.
LockedReportError = ReportLockedError


class ReportStore(EditsPart, ConsolidationPart, PackagesPart, SettingsPart, OutboxPart,
                  ParAnswersPart, EvidencePart):
    def __init__(self, database: Database, registry: TemplateRegistry | None = None) -> None:
        self.database = database
        self.registry = registry or shipped_templates()


__all__ = ["Change", "LockedReportError", "OwnUnit", "PackageRecord", "ReportStore",
           "ReportSummary", "RevisionPlan", "StoredSubmission", "current_user"]
