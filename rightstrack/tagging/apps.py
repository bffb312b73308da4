from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaggingConfig(AppConfig):
    name = "rightstrack.tagging"
    label = "tagging"
    verbose_name = _("Tagging")

    def ready(self) -> None:
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, ListFilter, NavEntry, ObjectPanel, contribute
        from rightstrack.tagging.choices import TaggingJob

        jobs = "rightstrack.tagging.jobs"
        panel = "rightstrack.tagging.selectors"
        contribute(
            Contribution(
                app_label=self.label,
                order=80,
                nav=[
                    NavEntry(
                        "tagging:taxonomy_list",
                        _("Tagging"),
                        order=60,
                        group="reference",
                        permission="tagging.view_taggerversion",
                    )
                ],
                urls=("tagging/", "rightstrack.tagging.urls"),
                demo="rightstrack.tagging.demo.load",
                api="rightstrack.tagging.api.urls.register",
                object_panels=[
                    ObjectPanel(
                        "recommendations.recommendation",
                        "tagging/panel_object.html",
                        f"{panel}.panel_for_object",
                    ),
                    ObjectPanel("reporting.report", "tagging/panel_report.html", f"{panel}.panel_for_report"),
                    ObjectPanel(
                        "conferences.conference", "tagging/panel_object.html", f"{panel}.panel_for_object"
                    ),
                    ObjectPanel(
                        "documents.document", "tagging/panel_object.html", f"{panel}.panel_for_object"
                    ),
                ],
                list_filters=[
                    ListFilter(model, "rightstrack.tagging.list_filters.tag_filters")
                    for model in ("reporting.report", "conferences.conference", "documents.document")
                ],
                jobs=[
                    JobKind(
                        name=TaggingJob.RETRAIN,
                        run=f"{jobs}.retrain",
                        label=TaggingJob.RETRAIN.label,
                        permission="tagging.retrain_tagger",
                        success_url=f"{jobs}.taxonomy_url",
                    ),
                    JobKind(
                        name=TaggingJob.TAG_UNTAGGED,
                        run=f"{jobs}.tag_untagged",
                        label=TaggingJob.TAG_UNTAGGED.label,
                        permission="tagging.tag_untagged",
                        success_url=f"{jobs}.taxonomy_url",
                    ),
                    JobKind(
                        name=TaggingJob.SUGGEST,
                        run=f"{jobs}.suggest",
                        label=TaggingJob.SUGGEST.label,
                        permission="tagging.decide_suggestion",
                        success_url=f"{jobs}.suggest_url",
                    ),
                ],
            )
        )
