from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "rightstrack.places"
    label = "places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, NavEntry, contribute

        contribute(
            Contribution(
                app_label=self.label,
                order=20,
                nav=[
                    NavEntry(
                        "places:unit_list",
                        _("Administrative units"),
                        order=30,
                        group="reference",
                        permission="places.view_administrativeunit",
                    ),
                    NavEntry(
                        "places:region_list",
                        _("Regions"),
                        order=40,
                        group="reference",
                        permission="places.view_region",
                    ),
                ],
                urls=("places/", "rightstrack.places.urls"),
                api="rightstrack.places.api.urls.register",
                demo="rightstrack.places.demo.load",
            )
        )
