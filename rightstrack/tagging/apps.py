from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaggingConfig(AppConfig):
    name = "rightstrack.tagging"
    label = "tagging"
    verbose_name = _("Tagging")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, contribute

        contribute(Contribution(app_label=self.label, order=95))
