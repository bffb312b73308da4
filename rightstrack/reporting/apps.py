from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "rightstrack.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from rightstrack.reporting.jobs import register

        register()
