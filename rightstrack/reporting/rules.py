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
register_scope(CycleParticipant, ScopeRule(path_lookup="body__path", body_of=lambda p: p.body))
register_scope(Report, ScopeRule(path_lookup="body__path", body_of=lambda report: report.body))
for part in (ReportSection, ReportFigure, ReportRevision, ReviewComment, Attachment, ReportReminder):
    register_scope(part, ScopeRule(path_lookup="report__body__path", body_of=lambda obj: obj.report.body))

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
rules.add_perm("reporting.view_cycleparticipant", in_scope)

rules.add_perm("reporting.view_report", in_scope)
rules.add_perm("reporting.change_report", _writer)
rules.add_perm("reporting.submit_report", _writer)
rules.add_perm("reporting.return_report", _reviewer)
rules.add_perm("reporting.accept_report", _reviewer)
rules.add_perm("reporting.comment_report", _reviewer)
rules.add_perm("reporting.view_reportrevision", in_scope)
rules.add_perm("reporting.view_reviewcomment", in_scope)
rules.add_perm("reporting.view_attachment", in_scope)
