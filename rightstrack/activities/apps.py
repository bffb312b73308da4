from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "rightstrack.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from rightstrack.activities.choices import ActivitiesJob
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, NavEntry, contribute

        contribute(
            Contribution(
                app_label=self.label,
                order=76,
                nav=[
                    NavEntry(
                        "activities:activity_list",
                        _("Activities"),
                        order=27,
                        group="followup",
                        permission="activities.view_activity",
                    )
                ],
                urls=("activities/", "rightstrack.activities.urls"),
                api="rightstrack.activities.api.urls.register",
                demo="rightstrack.activities.demo.load",
                jobs=[
                    JobKind(
                        name=ActivitiesJob.IMPORT_XLSX,
                        run="rightstrack.activities.jobs.import_xlsx",
                        label=ActivitiesJob.IMPORT_XLSX.label,
                        permission="activities.add_activity",
                        success_url="rightstrack.activities.jobs.import_result_url",
                        present="rightstrack.activities.jobs.import_for_api",
                    )
                ],
            )
        )
