from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TaxonomyKey(models.TextChoices):
    """The vocabularies the tagger knows (``taxonomies.TAXONOMY_KEYS``, the batch contract's names)."""

    SDG_GOAL = "sdg-goal", pgettext_lazy("taxonomy", "SDG goals")
    SDG_TARGET = "sdg-target", pgettext_lazy("taxonomy", "SDG targets")
    UHRI_THEME = "uhri-theme", pgettext_lazy("taxonomy", "Human rights themes")
    AFFECTED_PERSONS = "affected-persons", pgettext_lazy("taxonomy", "Affected persons")
    WORK_AREA = "work-area", pgettext_lazy("taxonomy", "Work areas")


class SuggestionState(models.TextChoices):
    PENDING = "pending", _("Suggested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class TargetKind(models.TextChoices):
    """What a suggestion is about: each kind is one nullable foreign key of ``Suggestion``."""

    RECOMMENDATION = "recommendation", _("Recommendation")
    REPORT_SECTION = "report_section", _("Report section")
    CONFERENCE = "conference", _("Conference minutes")
    DOCUMENT = "document", _("Document")


class TaggingJob(models.TextChoices):
    RETRAIN = "tagging.retrain", _("Retraining of a tagger")
    TAG_UNTAGGED = "tagging.tag_untagged", _("Tagging of untagged texts")
    SUGGEST = "tagging.suggest", _("Suggesting tags for a text")
