from django.db import models
from django.utils.translation import gettext_lazy as _


class Selection(models.TextChoices):
    """Which of the cycle's bodies a pack covers."""

    ALL = "all", _("All participants of the cycle")
    REGION = "region", _("The participants in a region")
    LIST = "list", _("A list of bodies")
    CONFERENCE = "conference", _("A conference's participants")


class SourceStatus(models.TextChoices):
    """Where a body's report stood when the pack was built; ``missing``: it never sent one."""

    ACCEPTED = "accepted", _("Accepted")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    DRAFT = "draft", _("Not submitted")
    MISSING = "missing", _("No report")


class PackJob(models.TextChoices):
    """Packs' background job kinds (``core.jobs``), declared in ``apps.py`` and run by ``jobs.py``."""

    BUILD = "packs.build", _("Building a consolidated pack")
