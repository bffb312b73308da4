from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "rightstrack.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute

        contribute(
            Contribution(
                app_label=self.label,
                order=50,
                nav=[
                    NavEntry(
                        "notifications:notification_list",
                        _("Notifications"),
                        order=80,
                        badge="rightstrack.notifications.selectors.unread_count",
                        badge_context="unread_count",
                        badge_label=_("%(count)s unread"),
                    )
                ],
                home_panels=[
                    HomePanel(
                        "notifications/home_panel.html",
                        "rightstrack.notifications.selectors.home_panel",
                        order=20,
                    )
                ],
                urls=("notifications/", "rightstrack.notifications.urls"),
            )
        )
