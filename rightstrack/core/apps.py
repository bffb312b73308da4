from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rightstrack.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from rightstrack.core.middleware import IdleSessionMiddleware

        user_logged_in.connect(IdleSessionMiddleware.start_clock, dispatch_uid="rightstrack-idle-clock")
