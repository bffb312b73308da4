from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "rightstrack.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, NavEntry, contribute
        from rightstrack.reporting.jobs import register as register_jobs

        register_jobs()

        contribute(
            Contribution(
                app_label=self.label,
                order=60,
                nav=[
                    NavEntry(
                        "reporting:cycle_list",
                        _("Reporting"),
                        order=20,
                        permission="reporting.view_reportingcycle",
                    )
                ],
                urls=("reporting/", "rightstrack.reporting.urls"),
                api="rightstrack.reporting.api.urls.register",
                demo="rightstrack.reporting.demo.load",
            )
        )
