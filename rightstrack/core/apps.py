from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rightstrack.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django import forms
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from rightstrack.core.collation import register_sqlite_collation
        from rightstrack.core.context_processors import keep_at_sign_in
        from rightstrack.core.forms import ListedModelChoiceIterator
        from rightstrack.core.middleware import IdleSessionMiddleware
        from rightstrack.core.registry import Contribution, HomePanel, NavEntry, contribute

        user_logged_in.connect(IdleSessionMiddleware.start_clock, dispatch_uid="rightstrack-idle-clock")
        user_logged_in.connect(keep_at_sign_in, dispatch_uid="rightstrack-nav-at-sign-in")
        connection_created.connect(register_sqlite_collation, dispatch_uid="rightstrack-vi-collation")
        # Every model select (ours, ModelForms', the admin's): its choices in one query (decision 0044).
        forms.ModelChoiceField.iterator = ListedModelChoiceIterator  # type: ignore[misc]

        contribute(
            Contribution(
                app_label=self.label,
                order=90,
                nav=[
                    NavEntry("home", _("Overview"), order=10),
                    NavEntry(
                        "core:audit_log",
                        _("Audit log"),
                        order=70,
                        group="administration",
                        permission="core.view_auditentry",
                    ),
                    # Exports and imports a user started: where to find a file after leaving its page.
                    NavEntry(
                        "core:job_list",
                        _("Background jobs"),
                        order=80,
                        group="administration",
                        has_items="rightstrack.core.home.has_jobs",
                        empty_hidden_for=("provincial_focal_point",),
                    ),
                ],
                # The administrator's role by value: core imports no app (accounts defines the roles).
                home_panels=[
                    HomePanel(
                        "core/home_failed_jobs.html",
                        "rightstrack.core.home.failed_jobs_panel",
                        order=16,
                        roles=("admin",),
                    )
                ],
                urls=("", "rightstrack.core.urls"),
                api="rightstrack.core.api.urls.register",
            )
        )
