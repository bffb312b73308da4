from django.db import models
from django.utils.translation import gettext_lazy as _


class TaxonomyKey(models.TextChoices):
    """The vocabularies the tagger knows (``taxonomies.TAXONOMY_KEYS``, the batch contract's names)."""

    SDG_GOAL = "sdg-goal", _("SDG goals")
    SDG_TARGET = "sdg-target", _("SDG targets")
    UHRI_THEME = "uhri-theme", _("Human rights themes")
    AFFECTED_PERSONS = "affected-persons", _("Affected persons")
    WORK_AREA = "work-area", _("Work areas")


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
