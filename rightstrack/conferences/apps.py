from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "rightstrack.conferences"
    label = "conferences"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute

        contribute(
            Contribution(
                app_label=self.label,
                order=65,
                nav=[
                    NavEntry(
                        "conferences:conference_list",
                        _("Conferences"),
                        order=25,
                        group="reporting",
                        permission="conferences.view_conference",
                    )
                ],
                home_panels=[
                    HomePanel(
                        "conferences/home_panel.html",
                        "rightstrack.conferences.selectors.home_upcoming",
                        order=30,
                    )
                ],
                urls=("conferences/", "rightstrack.conferences.urls"),
                api="rightstrack.conferences.api.urls.register",
                demo="rightstrack.conferences.demo.load",
            )
        )
