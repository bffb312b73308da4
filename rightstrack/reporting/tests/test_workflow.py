"""The workflow: the four allowed transitions, refusal of every other, one transition per double click."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.notifications.choices import NotificationKind
from rightstrack.notifications.models import Notification
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.exceptions import InvalidTransition, ReportNotEditable, StaleReport
from rightstrack.reporting.models import Report, ReportRevision, ReviewComment
from rightstrack.reporting.services import (
    cycle_close,
    report_accept,
    report_return,
    report_save,
    report_submit,
    review_comment_add,
)


def bring_to(world, report: Report, status: str) -> Report:
    if status == ReportStatus.DRAFT:
        return report
    report = report_submit(actor=world.focal_hanoi, report=report)
    if status == ReportStatus.RETURNED:
        return report_return(actor=world.reviewer, report=report, comments=[(None, "Bổ sung số liệu.")])
    if status == ReportStatus.ACCEPTED:
        return report_accept(actor=world.reviewer, report=report)
    return report


def test_draft_submitted_returned_submitted_accepted(
    world, report: Report, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(actor=world.focal_hanoi, report=report, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == world.focal_hanoi and report.first_submitted_at == report.submitted_at
    first_submitted_at = report.first_submitted_at

    with django_capture_on_commit_callbacks(execute=True):
        report = report_return(
            actor=world.reviewer,
            report=report,
            comments=[
                ("results-education", "Nêu số lượt người tham dự."),
                (None, "Bổ sung phụ lục."),
                (None, " "),
            ],
        )
    assert report.status == ReportStatus.RETURNED and report.returned_by == world.reviewer
    comments = list(ReviewComment.objects.filter(report=report).select_related("section"))
    assert [(c.section.key if c.section else None) for c in comments] == ["results-education", None]
    assert {c.revision_number for c in comments} == {2}

    report = report_save(
        actor=world.focal_hanoi,
        report=report,
        expected_version=report.version,
        sections={"results-education": "<p>1.200 lượt người.</p>"},
        figures={"awareness-participants": "1200"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(actor=world.focal_hanoi, report=report)
    assert report.first_submitted_at == first_submitted_at
    with django_capture_on_commit_callbacks(execute=True):
        report = report_accept(actor=world.secretariat, report=report)
    assert report.status == ReportStatus.ACCEPTED and report.accepted_by == world.secretariat

    reasons = list(ReportRevision.objects.filter(report=report).values_list("reason", flat=True))
    assert reasons == [
        RevisionReason.SUBMIT,
        RevisionReason.RETURN,
        RevisionReason.SAVE,
        RevisionReason.SUBMIT,
        RevisionReason.ACCEPT,
    ]
    actions = list(
        AuditEntry.objects.filter(object_id=str(report.pk), content_type__model="report")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "submitted", "returned", "content_saved", "submitted", "accepted"]
    kinds = Notification.objects.values_list("kind", flat=True)
    assert sorted(set(kinds)) == sorted(
        {
            NotificationKind.REPORT_SUBMITTED,
            NotificationKind.REPORT_RETURNED,
            NotificationKind.REPORT_ACCEPTED,
        }
    )


REFUSED = [
    (ReportStatus.DRAFT, "return"),
    (ReportStatus.DRAFT, "accept"),
    (ReportStatus.RETURNED, "return"),
    (ReportStatus.RETURNED, "accept"),
    (ReportStatus.ACCEPTED, "submit"),
    (ReportStatus.ACCEPTED, "return"),
]


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_other_transition_is_refused(world, report: Report, status: str, action: str) -> None:
    report = bring_to(world, report, status)
    version = report.version
    with translation.override("en"), pytest.raises(InvalidTransition) as caught:
        if action == "submit":
            report_submit(actor=world.focal_hanoi, report=report)
        elif action == "return":
            report_return(actor=world.reviewer, report=report, comments=[(None, "x")])
        else:
            report_accept(actor=world.reviewer, report=report)
    with translation.override("en"):
        assert "cannot become" in caught.value.messages[0]
    fresh = Report.objects.get(pk=report.pk)
    assert (fresh.status, fresh.version) == (status, version)


def test_a_double_submit_is_one_transition(world, report: Report, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = report_submit(actor=world.focal_hanoi, report=report, expected_version=report.version)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = report_submit(actor=world.focal_hanoi, report=report, expected_version=report.version)
    assert second.status == ReportStatus.SUBMITTED and second.version == first.version
    assert callbacks == []
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert AuditEntry.objects.filter(object_id=str(report.pk), action="submitted").count() == 1
    recipients = {world.reviewer.pk, world.secretariat.pk}  # administrators are not notified
    submitted = Notification.objects.filter(kind=NotificationKind.REPORT_SUBMITTED)
    assert set(submitted.values_list("user_id", flat=True)) == recipients
    assert submitted.count() == len(recipients)


def test_a_double_accept_is_one_transition(world, report: Report) -> None:
    report = bring_to(world, report, ReportStatus.ACCEPTED)
    again = report_accept(actor=world.reviewer, report=report)
    assert again.version == report.version
    assert AuditEntry.objects.filter(object_id=str(report.pk), action="accepted").count() == 1


def test_a_return_needs_a_comment(world, report: Report) -> None:
    report = bring_to(world, report, ReportStatus.SUBMITTED)
    for comments in ([], [(None, "  ")]):
        with pytest.raises(ValidationError) as caught:
            report_return(actor=world.reviewer, report=report, comments=comments)
        assert "comments" in caught.value.message_dict
    with pytest.raises(ValidationError):
        report_return(actor=world.reviewer, report=report, comments=[("no-such-section", "x")])
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert not ReviewComment.objects.exists()


def test_a_submit_from_a_stale_page_is_refused(world, report: Report) -> None:
    opened_at = report.version
    report_save(
        actor=world.focal_hanoi_en,
        report=report,
        expected_version=opened_at,
        sections={"situation": "<p>new</p>"},
        figures={},
    )
    with pytest.raises(StaleReport):
        report_submit(actor=world.focal_hanoi, report=report, expected_version=opened_at)


def test_who_may_take_which_step(world, report: Report) -> None:
    with pytest.raises(PermissionDenied):
        report_submit(actor=world.reviewer, report=report)
    report = report_submit(actor=world.focal_hanoi_en, report=report)
    with pytest.raises(PermissionDenied):
        report_accept(actor=world.focal_hanoi, report=report)
    with pytest.raises(PermissionDenied):
        report_return(actor=world.focal_hanoi, report=report, comments=[(None, "x")])
    with pytest.raises(PermissionDenied):
        review_comment_add(actor=world.focal_hanoi, report=report, text="self-review")
    comment = review_comment_add(actor=world.secretariat, report=report, text="OK", section_key="situation")
    assert comment.revision_number == 1 and comment.section is not None
    assert report_accept(actor=world.admin, report=report).status == ReportStatus.ACCEPTED


def test_a_closed_cycle_takes_no_more_submissions(world, cycle, report: Report) -> None:
    cycle_close(actor=world.secretariat, cycle=cycle)
    with pytest.raises(ReportNotEditable):
        report_submit(actor=world.focal_hanoi, report=report)


def test_notifications_reach_the_right_people_in_their_language(
    world, report: Report, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(actor=world.focal_hanoi, report=report)
    to_office = Notification.objects.get(user=world.secretariat, kind=NotificationKind.REPORT_SUBMITTED)
    assert to_office.title == (
        "Ha Noi Provincial Steering Committee submitted its report for “First half of 2025”."
    )
    assert not Notification.objects.filter(user__in=[world.focal_hanoi, world.focal_hue]).exists()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report_return(actor=world.reviewer, report=report, comments=[(None, "Bổ sung.")])
    returned = Notification.objects.filter(kind=NotificationKind.REPORT_RETURNED)
    assert set(returned.values_list("user__username", flat=True)) == {"hanoi", "hanoi.en"}
    english = returned.get(user=world.focal_hanoi_en).title
    vietnamese = returned.get(user=world.focal_hanoi).title
    msgid = "Your report for “%(cycle)s” was returned with comments: please revise and submit it again."
    assert english == msgid % {"cycle": "First half of 2025"}
    with translation.override("vi"):
        assert vietnamese == translation.gettext(msgid) % {"cycle": "Báo cáo 6 tháng đầu năm 2025"}
    assert sorted(m.to[0] for m in mail.outbox) == ["hanoi.en@example.org", "hanoi@example.org"]
    assert all(n.emailed_at is not None for n in returned)
