"""Who may do what in reporting (the mechanism is in core.scope).

Templates and cycles are visible to every signed-in user and run by administrators and the standing office.
Reports hang off their body: a focal point writes and submits their own body's report; reviewers and the
standing office return or accept reports within their scope.
"""

import rules

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import (
    ScopeRule,
    has_role,
    in_scope,
    is_admin,
    is_signed_in,
    owns_body_of,
    readable,
    register_scope,
)
from rightstrack.reporting.models import (
    Attachment,
    CycleParticipant,
    Report,
    ReportFigure,
    ReportingCycle,
    ReportReminder,
    ReportRevision,
    ReportSection,
    ReportTemplate,
    ReviewComment,
    TemplateIndicator,
    TemplateSection,
)

for reference in (ReportTemplate, TemplateSection, TemplateIndicator, ReportingCycle):
    register_scope(reference, ScopeRule(path_lookup=None))
# A successor committee reads its predecessors' reports and everything in them, and changes none of it:
# ``successor_reads`` lets them through ``scoped``/``readable``; ``in_scope`` (all the change rules) does not.
register_scope(
    CycleParticipant, ScopeRule(path_lookup="body__path", body_of=lambda p: p.body, successor_reads=True)
)
register_scope(
    Report, ScopeRule(path_lookup="body__path", body_of=lambda report: report.body, successor_reads=True)
)
_PART_PATH = "report__body__path"
for part in (ReportSection, ReportFigure, ReportRevision, ReviewComment, Attachment):
    register_scope(part, ScopeRule(_PART_PATH, body_of=lambda obj: obj.report.body, successor_reads=True))
register_scope(ReportReminder, ScopeRule(_PART_PATH, body_of=lambda obj: obj.report.body))

_runs_cycles = is_admin | has_role(Role.SECRETARIAT)
_writer = is_admin | (
    has_role(Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT) & in_scope & owns_body_of
)
_reviewer = is_admin | (has_role(Role.REVIEWER, Role.SECRETARIAT) & in_scope)

rules.add_perm("reporting.view_reporttemplate", is_signed_in)
rules.add_perm("reporting.add_reporttemplate", _runs_cycles)
rules.add_perm("reporting.change_reporttemplate", _runs_cycles)

rules.add_perm("reporting.view_reportingcycle", is_signed_in)
rules.add_perm("reporting.add_reportingcycle", _runs_cycles)
rules.add_perm("reporting.change_reportingcycle", _runs_cycles)
rules.add_perm("reporting.open_reportingcycle", _runs_cycles)
rules.add_perm("reporting.close_reportingcycle", _runs_cycles)
rules.add_perm("reporting.view_cycleparticipant", readable)

rules.add_perm("reporting.view_report", readable)
rules.add_perm("reporting.change_report", _writer)
rules.add_perm("reporting.submit_report", _writer)
rules.add_perm("reporting.return_report", _reviewer)
rules.add_perm("reporting.accept_report", _reviewer)
rules.add_perm("reporting.comment_report", _reviewer)
rules.add_perm("reporting.view_reportrevision", readable)
rules.add_perm("reporting.view_reviewcomment", readable)
rules.add_perm("reporting.view_attachment", readable)
