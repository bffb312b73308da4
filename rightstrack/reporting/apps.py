from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "rightstrack.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from rightstrack.accounts.choices import Role
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute
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
                home_panels=[
                    HomePanel(
                        "reporting/home/writer.html",
                        "rightstrack.reporting.selectors.home.writer_panel",
                        order=10,
                        roles=(Role.PROVINCIAL_FOCAL_POINT, Role.AGENCY_FOCAL_POINT),
                    ),
                    HomePanel(
                        "reporting/home/review.html",
                        "rightstrack.reporting.selectors.home.review_panel",
                        order=10,
                        roles=(Role.REVIEWER, Role.SECRETARIAT),
                        since=True,
                    ),
                ],
                urls=("reporting/", "rightstrack.reporting.urls"),
                api="rightstrack.reporting.api.urls.register",
                demo="rightstrack.reporting.demo.load",
            )
        )
