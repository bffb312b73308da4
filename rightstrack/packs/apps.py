from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "rightstrack.packs"
    label = "packs"
    verbose_name = _("Consolidated packs")

    def ready(self) -> None:
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, NavEntry, contribute
        from rightstrack.packs.choices import PackJob

        contribute(
            Contribution(
                app_label=self.label,
                order=70,
                nav=[
                    NavEntry(
                        "packs:pack_list",
                        _("Packs"),
                        order=30,
                        group="reporting",
                        permission="packs.view_consolidatedpack",
                    )
                ],
                urls=("packs/", "rightstrack.packs.urls"),
                api="rightstrack.packs.api.urls.register",
                demo="rightstrack.packs.demo.load",
                jobs=[
                    JobKind(
                        name=PackJob.BUILD,
                        run="rightstrack.packs.jobs.build",
                        label=PackJob.BUILD.label,
                        permission="packs.build_consolidatedpack",
                        present="rightstrack.packs.jobs.present",
                    )
                ],
            )
        )
