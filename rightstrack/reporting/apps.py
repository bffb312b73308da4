from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "rightstrack.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from rightstrack.accounts.choices import Role
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute
        from rightstrack.reporting.choices import ReportingJob

        jobs = "rightstrack.reporting.jobs"
        contribute(
            Contribution(
                app_label=self.label,
                order=60,
                nav=[
                    NavEntry(
                        "reporting:cycle_list",
                        _("Reporting cycles"),
                        order=20,
                        group="reporting",
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
                jobs=[
                    JobKind(
                        name=ReportingJob.CYCLE_ZIP,
                        run=f"{jobs}.cycle_zip",
                        label=ReportingJob.CYCLE_ZIP.label,
                        permission="reporting.view_reportingcycle",
                    ),
                    JobKind(
                        name=ReportingJob.REPORT_PDF,
                        run=f"{jobs}.report_pdf",
                        label=ReportingJob.REPORT_PDF.label,
                        permission="reporting.view_report",
                    ),
                    JobKind(
                        name=ReportingJob.IMPORT_DOCX,
                        run=f"{jobs}.import_docx",
                        label=ReportingJob.IMPORT_DOCX.label,
                        permission="reporting.change_report",
                        success_url=f"{jobs}.import_preview_url",
                        present=f"{jobs}.import_plan_for_api",
                    ),
                    JobKind(
                        name=ReportingJob.APPLY_DOCX,
                        run=f"{jobs}.apply_docx",
                        label=ReportingJob.APPLY_DOCX.label,
                        permission="reporting.change_report",
                        success_url=f"{jobs}.applied_report_url",
                        present=f"{jobs}.applied_report_for_api",
                    ),
                ],
            )
        )
