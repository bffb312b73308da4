from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalKind(models.TextChoices):
    ISSUE = "issue", _("Issue a law or policy")
    AMEND = "amend", _("Amend a law or policy")
    REPEAL = "repeal", _("Repeal a law or policy")
    RESOURCES = "resources", _("Allocate resources")
    OTHER = "other", _("Other")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CONSIDERING = "considering", _("Under consideration")
    ADOPTED = "adopted", _("Adopted")
    DECLINED = "declined", _("Declined")


class SourceKind(models.TextChoices):
    REPORT = "report", _("A report's passage")
    PACK = "pack", _("A consolidated pack's proposals")
    CONFERENCE = "conference", _("A conference")


# Where a status may go: the authority answers once (adopted or declined), and that answer stands.
TRANSITIONS: dict[str, frozenset[str]] = {
    ProposalStatus.SUBMITTED: frozenset(
        {ProposalStatus.CONSIDERING, ProposalStatus.ADOPTED, ProposalStatus.DECLINED}
    ),
    ProposalStatus.CONSIDERING: frozenset({ProposalStatus.ADOPTED, ProposalStatus.DECLINED}),
    ProposalStatus.ADOPTED: frozenset(),
    ProposalStatus.DECLINED: frozenset(),
}
