from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rightstrack.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from rightstrack.accounts.choices import Role
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute

        contribute(
            Contribution(
                app_label=self.label,
                order=40,
                # Not for focal points: they manage no one, and the list would hold only themselves.
                nav=[
                    NavEntry(
                        "accounts:user_list",
                        _("Users"),
                        order=60,
                        group="administration",
                        permission="accounts.view_user",
                        roles=(Role.ADMIN, Role.SECRETARIAT, Role.REVIEWER),
                    )
                ],
                home_panels=[
                    HomePanel(
                        "accounts/home_panel.html",
                        "rightstrack.accounts.selectors.users_without_body_panel",
                        order=12,
                        roles=(Role.ADMIN,),
                    )
                ],
                urls=("users/", "rightstrack.accounts.urls"),
                api="rightstrack.accounts.api.urls.register",
                demo="rightstrack.accounts.demo.load",
                admin_roles=(Role.ADMIN,),
            )
        )

        from rightstrack.accounts import receivers  # noqa: F401  (connects the sign-in receivers)
