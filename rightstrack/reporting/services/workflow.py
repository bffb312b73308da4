"""The report workflow: draft → submitted → returned → submitted → accepted, and nothing else.

Each step runs under the report's row lock with a status check, writes one revision and one audit record, and
queues its notification after commit. Repeating a submit or an accept (a double click, a retried request) is
answered with the report as it is: one transition, one audit record, one notification.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.core.audit import audit_record
from rightstrack.core.scope import ensure_can
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.services import notify
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.content import localized
from rightstrack.reporting.exceptions import IncompleteReport, InvalidTransition
from rightstrack.reporting.models import Report, ReviewComment
from rightstrack.reporting.selectors import focal_points_of, reviewers_for, submission_check
from rightstrack.reporting.services.comments import build_comment
from rightstrack.reporting.services.reports import (
    commit_version,
    ensure_cycle_open,
    lock_report,
    report_save,
    revision_write,
    stale_error,
)

ReviewCommentInput = tuple[str | None, str]  # (section key or None for the whole report, text)


def _queue_notification(report: Report, kind: str, revision_number: int) -> None:
    def enqueue() -> None:
        from rightstrack.reporting.tasks import notify_report_event

        notify_report_event.enqueue(report_id=report.pk, kind=kind, revision_number=revision_number)

    transaction.on_commit(enqueue)


def _step(
    *,
    actor: User | None,
    locked: Report,
    target: str,
    reason: str,
    stamp: Callable[[Report], list[str]],
    action: str,
    kind: str,
    extra_after: dict | None = None,
) -> Report:
    before = {"status": locked.status, "version": locked.version}
    read_version = locked.version
    locked.transition_to(target)  # raises InvalidTransition; adds one to the version
    locked.last_activity_at = timezone.now()
    fields = ["status", "last_activity_at", *stamp(locked)]
    commit_version(locked, read_version=read_version, fields=fields)
    revision = revision_write(report=locked, actor=actor, reason=reason)
    after = {
        "status": locked.status,
        "version": locked.version,
        "revision": revision.number,
        **(extra_after or {}),
    }
    audit_record(obj=locked, action=action, before=before, after=after, actor=actor)
    _queue_notification(locked, kind, revision.number)
    return locked


@transaction.atomic
def report_submit(
    *,
    actor: User | None,
    report: Report,
    expected_version: int | None = None,
    confirm_incomplete: bool = True,
) -> Report:
    """Send a draft or returned report to the standing office; a report already submitted is left as it is.

    ``confirm_incomplete=False`` (the pages and the API pass what the writer confirmed): a report with empty
    sections, text not yet placed or blank figures is refused (``IncompleteReport``, listing them) until
    the writer confirms."""
    if actor is not None:
        ensure_can(actor, "reporting.submit_report", report)
    locked = lock_report(report)
    if locked.status == ReportStatus.SUBMITTED:
        return locked
    if expected_version is not None and locked.version != expected_version:
        raise stale_error(locked, {}, {})
    ensure_cycle_open(locked)
    if not confirm_incomplete:
        check = submission_check(locked)
        if not check.ready:
            raise IncompleteReport(check)

    def stamp(r: Report) -> list[str]:
        r.submitted_at, r.submitted_by = r.last_activity_at, actor
        if r.first_submitted_at is None:
            r.first_submitted_at = r.submitted_at
        return ["submitted_at", "submitted_by", "first_submitted_at"]

    return _step(
        actor=actor,
        locked=locked,
        target=ReportStatus.SUBMITTED,
        reason=RevisionReason.SUBMIT,
        stamp=stamp,
        action="submitted",
        kind=NotificationKind.REPORT_SUBMITTED,
    )


@transaction.atomic
def report_save_and_submit(
    *,
    actor: User | None,
    report: Report,
    expected_version: int,
    sections: Mapping[str, str],
    figures: Mapping[str, Any],
    unplaced_html: str | None = None,
    confirm_incomplete: bool = True,
    extensions: Mapping[str, Any] | None = None,
) -> Report:
    """Save the content given on top of ``expected_version`` and submit the result: both happen or neither
    (a refused submission leaves the text unsaved too, so the writer sees one outcome)."""
    saved = report_save(
        actor=actor,
        report=report,
        expected_version=expected_version,
        sections=sections,
        figures=figures,
        unplaced_html=unplaced_html,
        extensions=extensions,
    )
    return report_submit(
        actor=actor, report=saved, expected_version=saved.version, confirm_incomplete=confirm_incomplete
    )


@transaction.atomic
def report_return(*, actor: User | None, report: Report, comments: Sequence[ReviewCommentInput]) -> Report:
    """Send a submitted report back to its province with at least one comment (per section where useful)."""
    if actor is not None:
        ensure_can(actor, "reporting.return_report", report)
    locked = lock_report(report)
    if not locked.can_become(ReportStatus.RETURNED):
        raise InvalidTransition(current=locked.status, target=ReportStatus.RETURNED)
    ensure_cycle_open(locked)
    drafts: list[ReviewComment] = []
    errors: list[ValidationError] = []
    for section_key, text in comments:
        if not (text or "").strip():
            continue
        try:
            drafts.append(build_comment(report=locked, author=actor, section_key=section_key, text=text))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    if not drafts:
        raise ValidationError(
            {"comments": _("Say what needs to change: a returned report needs at least one comment.")}
        )

    def stamp(r: Report) -> list[str]:
        r.returned_at, r.returned_by = r.last_activity_at, actor
        return ["returned_at", "returned_by"]

    returned = _step(
        actor=actor,
        locked=locked,
        target=ReportStatus.RETURNED,
        reason=RevisionReason.RETURN,
        stamp=stamp,
        action="returned",
        kind=NotificationKind.REPORT_RETURNED,
        extra_after={"comments": [(c.section.key if c.section else None, c.text) for c in drafts]},
    )
    revision_number = returned.revisions.order_by("-number").values_list("number", flat=True).first()
    for comment in drafts:
        comment.revision_number = revision_number
    ReviewComment.objects.bulk_create(drafts)
    return returned


@transaction.atomic
def report_accept(*, actor: User | None, report: Report) -> Report:
    """Accept a submitted report; a report already accepted is left as it is."""
    if actor is not None:
        ensure_can(actor, "reporting.accept_report", report)
    locked = lock_report(report)
    if locked.status == ReportStatus.ACCEPTED:
        return locked

    def stamp(r: Report) -> list[str]:
        r.accepted_at, r.accepted_by = r.last_activity_at, actor
        return ["accepted_at", "accepted_by"]

    return _step(
        actor=actor,
        locked=locked,
        target=ReportStatus.ACCEPTED,
        reason=RevisionReason.ACCEPT,
        stamp=stamp,
        action="accepted",
        kind=NotificationKind.REPORT_ACCEPTED,
    )


# Notifications (run by the task queued after commit) -------------------------------------------------

_TITLES: dict[str, Callable[[dict[str, str]], str]] = {
    NotificationKind.REPORT_SUBMITTED: lambda p: _("%(body)s submitted its report for “%(cycle)s”.") % p,
    NotificationKind.REPORT_RETURNED: lambda p: (
        _("Your report for “%(cycle)s” was returned with comments: please revise and submit it again.") % p
    ),
    NotificationKind.REPORT_ACCEPTED: lambda p: _("Your report for “%(cycle)s” was accepted.") % p,
}


def report_event_notify(*, report_id: int, kind: str, revision_number: int) -> int:
    """Tell the standing office of a submission, or the focal points of a return or an acceptance.

    Idempotent: one message per recipient per (report, kind, revision) however often it runs."""
    report = Report.objects.select_related("cycle", "body").filter(pk=report_id).first()
    if report is None or kind not in _TITLES:
        return 0
    recipients = (
        reviewers_for(report.body)
        if kind == NotificationKind.REPORT_SUBMITTED
        else focal_points_of(report.body)
    )
    title = _TITLES[kind]

    def title_factory() -> str:
        return title(
            {"body": localized(report.body.name, report.body.name_en), "cycle": report.cycle.display_name}
        )

    created = notify(
        users=list(recipients),
        kind=kind,
        title_factory=title_factory,
        url=report.get_absolute_url(),
        dedupe_key=f"report:{report.pk}:{kind}:{revision_number}",
    )
    return len(created)
