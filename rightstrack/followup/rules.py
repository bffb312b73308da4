"""Who may see and do what with directives and tasks (the mechanism is in core.scope).

A directive is shared by its issuing body and every body it was assigned to: whoever sees the issuer or one
of the assignees sees the directive (a province sees the directives it has tasks under, with only its own
tasks). A task is shared by the directive's issuer and its assignee. Everyone else gets "not found".

Who acts (docs/decisions, "followup: directives and tasks"):
- the standing office (and administrators) issues directives and fans them out, for bodies in the issuer's
  subtree;
- the assignee's focal points (provincial or agency) write progress notes, move a task between open and in
  progress and *propose* it done;
- the issuer's side (standing office, reviewers, administrators) confirms "done", cancels, and reopens with
  a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q

from rightstrack.accounts.choices import Role
from rightstrack.core.scope import (
    ScopeRule,
    has_role,
    in_own_scope,
    in_scope,
    is_admin,
    register_scope,
    scope_root,
)
from rightstrack.followup.models import (
    Directive,
    DirectiveKind,
    Task,
    TaskAnswer,
    TaskEvidence,
    TaskReminder,
    TaskUpdate,
)


def _directive_shared_by(path: str) -> Q:
    assigned = Task.objects.filter(directive_id=OuterRef("pk"), body__path__startswith=path)
    return Q(issuer__path__startswith=path) | Q(Exists(assigned))


def _directive_bodies(directive: Directive) -> Iterable[Any]:
    yield directive.issuer
    if directive.pk is None:
        return
    for task in directive.tasks.select_related("body"):
        yield task.body


def _task_shared_by(prefix: str) -> Any:
    def condition(path: str) -> Q:
        return Q(**{f"{prefix}directive__issuer__path__startswith": path}) | Q(
            **{f"{prefix}body__path__startswith": path}
        )

    return condition


register_scope(DirectiveKind, ScopeRule(path_lookup=None))
register_scope(
    Directive,
    ScopeRule(
        path_lookup="issuer__path",
        body_of=lambda d: d.issuer,
        shared_by=_directive_shared_by,
        bodies_of=_directive_bodies,
    ),
)
register_scope(
    Task,
    ScopeRule(
        path_lookup="body__path",
        body_of=lambda t: t.body,
        shared_by=_task_shared_by(""),
        bodies_of=lambda t: (t.directive.issuer, t.body),
    ),
)
register_scope(
    TaskUpdate,
    ScopeRule(
        path_lookup="task__body__path",
        body_of=lambda u: u.task.body,
        shared_by=_task_shared_by("task__"),
        bodies_of=lambda u: (u.task.directive.issuer, u.task.body),
    ),
)
register_scope(
    TaskEvidence,
    ScopeRule(
        path_lookup="update__task__body__path",
        body_of=lambda e: e.update.task.body,
        shared_by=_task_shared_by("update__task__"),
        bodies_of=lambda e: (e.update.task.directive.issuer, e.update.task.body),
    ),
)
register_scope(
    TaskAnswer,
    ScopeRule(
        path_lookup="task__body__path",
        body_of=lambda a: a.task.body,
        shared_by=_task_shared_by("task__"),
        bodies_of=lambda a: (a.task.directive.issuer, a.task.body),
    ),
)
register_scope(TaskReminder, ScopeRule(path_lookup="task__body__path", body_of=lambda r: r.task.body))


def _within_own(user: Any, body: Any) -> bool:
    """``body`` lies in the user's own subtree (administrators: everywhere)."""
    if body is None:
        return False
    root = scope_root(user)
    return root is not None and body.path.startswith(root.path)


@rules.predicate
def runs_issuer(user: Any, obj: Any) -> bool:
    """The directive's (or the task's directive's) issuing body is within the user's own subtree."""
    if obj is None:
        return True
    directive = obj.directive if isinstance(obj, Task) else obj
    return _within_own(user, directive.issuer)


@rules.predicate
def assigned_to_own(user: Any, obj: Any) -> bool:
    """The task's assignee lies within the user's own subtree (their body, or one below it)."""
    return True if obj is None else _within_own(user, obj.body)


_office = has_role(Role.SECRETARIAT)
_office_or_reviewer = has_role(Role.SECRETARIAT, Role.REVIEWER)
_focal_point = has_role(Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT)

_issues = is_admin | (_office & runs_issuer)
_confirms = is_admin | (_office_or_reviewer & runs_issuer)
_reports = _confirms | (_focal_point & assigned_to_own)

rules.add_perm("followup.view_directivekind", in_scope)
rules.add_perm("followup.change_directivekind", is_admin | _office)
rules.add_perm("followup.view_directive", in_scope)
rules.add_perm("followup.add_directive", _issues)
rules.add_perm("followup.change_directive", _issues)
rules.add_perm("followup.delete_directive", _issues)
rules.add_perm("followup.assign_task", _issues)
rules.add_perm("followup.view_task", in_scope)
rules.add_perm("followup.update_task", _reports)  # a progress note, open ↔ in progress, propose done
rules.add_perm("followup.confirm_task", _confirms)  # done, cancelled, reopened
rules.add_perm("followup.view_overdue", is_admin | _office_or_reviewer)
rules.add_perm("followup.view_taskevidence", in_scope)
rules.add_perm("followup.view_taskanswer", in_scope)

__all__ = ["assigned_to_own", "in_own_scope", "runs_issuer"]
