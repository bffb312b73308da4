from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawsConfig(AppConfig):
    name = "rightstrack.laws"
    label = "laws"
    verbose_name = _("Laws and policies")

    def ready(self) -> None:
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, NavEntry, contribute
        from rightstrack.laws.choices import LawsJob

        contribute(
            Contribution(
                app_label=self.label,
                order=72,
                nav=[
                    NavEntry(
                        "laws:document_list",
                        _("Laws and policies"),
                        order=32,
                        group="reference",
                        permission="laws.view_legaldocument",
                    )
                ],
                urls=("laws/", "rightstrack.laws.urls"),
                api="rightstrack.laws.api.urls.register",
                demo="rightstrack.laws.demo.load",
                jobs=[
                    JobKind(
                        name=LawsJob.DETECT_MENTIONS,
                        run="rightstrack.laws.jobs.detect",
                        label=LawsJob.DETECT_MENTIONS.label,
                        permission="laws.detect_mentions",
                        present="rightstrack.laws.jobs.present",
                    )
                ],
            )
        )
