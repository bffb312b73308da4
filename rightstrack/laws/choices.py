from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    LAW = "law", _("Law")
    CODE = "code", _("Code")
    RESOLUTION = "resolution", _("Resolution")
    DECREE = "decree", _("Decree")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    CIRCULAR = "circular", _("Circular")
    POLICY = "policy", _("Policy or programme")


class ImplementationStatus(models.TextChoices):
    """How a document stands in one body's work (what the conference chair meant by "not yet in practice")."""

    APPLIED = "applied", _("In force and applied")
    NOT_IN_PRACTICE = "not_in_practice", _("In force, not yet put into practice")
    DRAFTING = "drafting", _("Under drafting")
    REPEALED = "repealed", _("Repealed")


class LawsJob(models.TextChoices):
    DETECT_MENTIONS = "laws.detect_mentions", _("Find the laws cited in reports")
