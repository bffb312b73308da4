from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind

# The bodies that issue directives: the national and the provincial steering committees.
ISSUER_KINDS = (BodyKind.NATIONAL_COMMITTEE, BodyKind.PROVINCIAL_COMMITTEE)

# The kinds of directive the standing office starts from (code, Vietnamese, English, order); the migration
# seeds them and ``directive_kinds_ensure`` puts back any missing (a database flushed by a test, a new site).
DEFAULT_KINDS = (
    ("review", "Rà soát, đánh giá", "Review and assessment", 10),
    ("legislation", "Xây dựng, hoàn thiện pháp luật, chính sách", "Laws and policies", 20),
    ("grassroots", "Bảo đảm quyền con người ở cơ sở", "Human rights at the grassroots", 30),
    ("education", "Giáo dục, phổ biến pháp luật", "Law education and dissemination", 40),
    ("capacity", "Nâng cao năng lực cán bộ", "Staff capacity", 50),
    ("other", "Khác", "Other", 90),
)


class TaskStatus(models.TextChoices):
    """What is stored. "Overdue" is never stored: it is computed from the due date (``Task.is_overdue``,
    ``TaskQuerySet.with_overdue``)."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


LIVE_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)  # a task that can still be late
CLOSED_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


class TargetMode(models.TextChoices):
    """How a directive's tasks were fanned out (kept in the audit record; one task per body counts)."""

    BODIES = "bodies", _("The bodies chosen")
    CONFERENCE = "conference", _("All participants of the conference")
    PROVINCIAL = "provincial", _("All provincial committees")
    MINISTRIES = "ministries", _("All member ministries")
    COMMUNES = "communes", _("The commune-level bodies of a province")


class EvidenceKind(models.TextChoices):
    REPORT_SECTION = "report_section", _("A section of the body's report")
    FILE = "file", _("An uploaded file")
    REFERENCE = "reference", _("A reference")
    LEGAL_DOCUMENT = "legal_document", _("A legal document of the register")
    ACTIVITY = "activity", _("An activity of the body")
    DOCUMENT = "document", _("A kept document")


class TaskReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
