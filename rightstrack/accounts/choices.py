from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SECRETARIAT = "secretariat", _("Standing office staff")
    REVIEWER = "reviewer", _("Reviewer")
    PROVINCIAL_FOCAL_POINT = "provincial_focal_point", _("Provincial focal point")
    AGENCY_FOCAL_POINT = "agency_focal_point", _("Agency focal point")
