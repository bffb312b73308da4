from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "rightstrack.recommendations"
    label = "recommendations"
    verbose_name = _("UN recommendations")

    def ready(self) -> None:
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute
        from rightstrack.recommendations.choices import RecommendationsJob

        jobs = "rightstrack.recommendations.jobs"
        contribute(
            Contribution(
                app_label=self.label,
                order=70,
                nav=[
                    NavEntry(
                        "recommendations:recommendation_list",
                        _("UN recommendations"),
                        order=30,
                        group="followup",
                        permission="recommendations.view_recommendation",
                    )
                ],
                home_panels=[
                    HomePanel(
                        "recommendations/home_panel.html",
                        "rightstrack.recommendations.selectors.home_assigned",
                        order=40,
                        assigned_work=True,
                    )
                ],
                urls=("recommendations/", "rightstrack.recommendations.urls"),
                api="rightstrack.recommendations.api.urls.register",
                demo="rightstrack.recommendations.demo.load",
                jobs=[
                    JobKind(
                        name=RecommendationsJob.IMPORT,
                        run=f"{jobs}.import_recommendations",
                        label=RecommendationsJob.IMPORT.label,
                        permission="recommendations.import_recommendations",
                        present=f"{jobs}.import_result_for_api",
                        success_url=f"{jobs}.import_next_url",
                    ),
                    JobKind(
                        name=RecommendationsJob.REPORT,
                        run=f"{jobs}.write_report",
                        label=RecommendationsJob.REPORT.label,
                        permission="recommendations.view_recommendation",
                    ),
                ],
            )
        )
