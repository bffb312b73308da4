from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "rightstrack.followup"
    label = "followup"
    verbose_name = _("Directives and tasks")

    def ready(self) -> None:
        from rightstrack.core.registry import (
            Contribution,
            HomePanel,
            NavEntry,
            PackPart,
            ReportExtension,
            contribute,
        )
        from rightstrack.laws.selectors import register_linked

        register_linked("rightstrack.followup.selectors.legal_document_block")
        contribute(
            Contribution(
                app_label=self.label,
                order=70,
                nav=[
                    NavEntry(
                        "followup:directive_list",
                        _("Directives"),
                        order=27,
                        group="followup",
                        permission="followup.view_directive",
                        roles=("admin", "secretariat", "reviewer"),
                    ),
                    NavEntry(
                        "followup:task_list",
                        _("Tasks"),
                        order=28,
                        group="followup",
                        permission="followup.view_task",
                        roles=("provincial_focal_point", "agency_focal_point"),
                    ),
                ],
                home_panels=[
                    HomePanel(
                        "followup/home_panel.html",
                        "rightstrack.followup.selectors.home_tasks",
                        order=16,
                        roles=("provincial_focal_point", "agency_focal_point", "secretariat", "reviewer"),
                        assigned_work=True,
                    )
                ],
                # The next cycle's report answers the body's tasks in its section on earlier directives,
                # and the consolidated pack shows how the directives stand (decision 0046).
                report_extensions=[
                    ReportExtension(
                        name="task_answers",
                        section_keys=("directives",),
                        items="rightstrack.followup.selectors.answer_rows",
                        save="rightstrack.followup.services.answers.task_answers_save",
                        html="rightstrack.followup.selectors.answers_html",
                        template="followup/report_answers.html",
                        data="rightstrack.followup.selectors.answers_data",
                        title=_("Response to previous directives"),
                    )
                ],
                pack_parts=[
                    PackPart(key="directives", build="rightstrack.followup.pack.directives_part", order=10)
                ],
                urls=("followup/", "rightstrack.followup.urls"),
                api="rightstrack.followup.api.urls.register",
                demo="rightstrack.followup.demo.load",
            )
        )
