from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "rightstrack.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, NavEntry, contribute
        from rightstrack.laws.selectors import register_linked

        register_linked("rightstrack.proposals.selectors.law_block")
        contribute(
            Contribution(
                app_label=self.label,
                order=74,
                nav=[
                    NavEntry(
                        "proposals:proposal_list",
                        _("Proposals"),
                        order=33,
                        group="followup",
                        permission="proposals.view_proposal",
                    )
                ],
                urls=("proposals/", "rightstrack.proposals.urls"),
                api="rightstrack.proposals.api.urls.register",
                demo="rightstrack.proposals.demo.load",
            )
        )
