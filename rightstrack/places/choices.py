from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class RegionKind(models.TextChoices):
    MACRO = "macro", _("Macro-region")
    SOCIO_ECONOMIC = "socio_economic", _("Socio-economic region")
    CUSTOM = "custom", _("Custom grouping")
