from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    NATIONAL_COMMITTEE = "national_committee", _("National steering committee")
    STANDING_OFFICE = "standing_office", _("Standing office")
    MINISTRY = "ministry", _("Ministry or agency")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial steering committee")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    POLICE = "police", _("Police")
    DEPARTMENT = "department", _("Department")
    OTHER = "other", _("Other")


class BodyLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    COMMUNE = "commune", _("Commune")


class Position(models.TextChoices):
    HEAD = "head", _("Head")
    STANDING_DEPUTY_HEAD = "standing_deputy_head", _("Standing deputy head")
    DEPUTY_HEAD = "deputy_head", _("Deputy head")
    MEMBER = "member", _("Member")
    STANDING_AGENCY = "standing_agency", _("Standing agency")
    FOCAL_POINT = "focal_point", _("Focal point")
