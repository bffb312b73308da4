from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "rightstrack.bodies"
    label = "bodies"
    verbose_name = _("Bodies")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute

        contribute(
            Contribution(
                app_label=self.label,
                order=30,
                nav=[
                    NavEntry(
                        "bodies:body_list",
                        _("Bodies"),
                        order=50,
                        group="reference",
                        permission="bodies.view_body",
                    )
                ],
                # Roles by value: bodies sits below accounts, which defines them (accounts.choices.Role).
                home_panels=[
                    HomePanel(
                        "bodies/home_assigned.html",
                        "rightstrack.bodies.selectors.assigned_panel",
                        order=15,
                        roles=("agency_focal_point",),
                        fallback=True,  # gives way to a panel of assigned work (tasks, recommendations)
                    ),
                    HomePanel(
                        "bodies/home_reference.html",
                        "rightstrack.bodies.selectors.reference_issues_panel",
                        order=14,
                        roles=("admin",),
                    ),
                    HomePanel(
                        "bodies/home_panel.html",
                        "rightstrack.bodies.selectors.home_summary",
                        order=90,
                        roles=("admin", "secretariat", "reviewer"),
                    ),
                ],
                urls=("bodies/", "rightstrack.bodies.urls"),
                api="rightstrack.bodies.api.urls.register",
                demo="rightstrack.bodies.demo.load",
                scope_root="rightstrack.bodies.rules.scope_root",  # a standing office acts for its committee
                read_roots="rightstrack.bodies.rules.read_roots",  # a successor reads its predecessors
            )
        )
