from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceKind(models.TextChoices):
    REGIONAL_REVIEW = "regional_review", _("Regional review")
    ANNUAL_REVIEW = "annual_review", _("Annual review")
    TRAINING = "training", _("Training")
    THEMATIC_WORKSHOP = "thematic_workshop", _("Thematic workshop")
    OTHER = "other", _("Other")


class ParticipantsMode(models.TextChoices):
    """How a conference's participants were chosen (kept for the record; the participant rows count)."""

    LIST = "list", _("A list of bodies")
    REGION = "region", _("The provincial committees of a region, as of a date")
    ALL_PROVINCIAL = "all_provincial", _("All provincial committees that exist on a date")
    CYCLE = "cycle", _("The participants of the reviewed cycle")


class MediaLanguage(models.TextChoices):
    VI = "vi", _("Vietnamese")
    EN = "en", _("English")
    OTHER = "other", _("Other language")
