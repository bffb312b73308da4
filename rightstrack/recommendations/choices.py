from django.db import models
from django.utils.translation import gettext_lazy as _


class Mechanism(models.TextChoices):
    """Where a recommendation comes from: the Universal Periodic Review, a treaty body, special procedures."""

    UPR = "UPR", _("Universal Periodic Review")
    CCPR = "CCPR", _("Human Rights Committee (CCPR)")
    CESCR = "CESCR", _("Committee on Economic, Social and Cultural Rights (CESCR)")
    CEDAW = "CEDAW", _("Committee on the Elimination of Discrimination against Women (CEDAW)")
    CRC = "CRC", _("Committee on the Rights of the Child (CRC)")
    CAT = "CAT", _("Committee against Torture (CAT)")
    CERD = "CERD", _("Committee on the Elimination of Racial Discrimination (CERD)")
    CRPD = "CRPD", _("Committee on the Rights of Persons with Disabilities (CRPD)")
    CMW = "CMW", _("Committee on Migrant Workers (CMW)")
    CED = "CED", _("Committee on Enforced Disappearances (CED)")
    SP = "SP", _("Special procedures")


class Position(models.TextChoices):
    """The State's position on a recommendation (UPR); treaty bodies' recommendations have none."""

    SUPPORTED = "supported", _("Supported")
    NOTED = "noted", _("Noted")


class RecommendationsJob(models.TextChoices):
    IMPORT = "recommendations.import", _("Import of recommendations")
    REPORT = "recommendations.report", _("Report on the recommendations")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead body")
    SUPPORTING = "supporting", _("Supporting body")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY = "partially_implemented", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
