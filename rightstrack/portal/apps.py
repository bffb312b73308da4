from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal: what the State publishes of its UN recommendations, for anyone, read-only."""

    name = "rightstrack.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, contribute

        contribute(Contribution(app_label=self.label, order=200, urls=("public/", "rightstrack.portal.urls")))
