"""Core's own pages: home, the audit log and any object's history."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.http import Http404
from django.views.generic import TemplateView

from rightstrack.core import registry
from rightstrack.core.audit import history
from rightstrack.core.filters import AuditEntryFilterSet
from rightstrack.core.models import AuditEntry
from rightstrack.core.redaction import redact_history
from rightstrack.core.scope import rule_for, scope_root
from rightstrack.core.tables import AuditEntryTable
from rightstrack.core.views.generic import ObjectListView, ObjectView


class HomeView(LoginRequiredMixin, TemplateView):
    """The overview: the user's scope, then the panels the apps registered (core.registry), in order."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        panels = [
            {"template": panel.template, "data": registry.resolve(panel.context)(user=user)}
            for panel in registry.home_panels()
            if panel.permission is None or user.has_perm(panel.permission)
        ]
        return super().get_context_data(**kwargs) | {"scope_root": scope_root(user), "home_panels": panels}


class AuditLogView(ObjectListView):
    permission_required = "core.view_auditentry"
    queryset = AuditEntry.objects.select_related("actor", "content_type")
    filterset_class = AuditEntryFilterSet
    table_class = AuditEntryTable
    template_name = "core/audit_log.html"


class ObjectHistoryView(ObjectView):
    """The history of any audited object the user may see (the model comes from the URL)."""

    template_name = "core/history.html"
    context_object_name = "object"

    def get_queryset(self) -> models.QuerySet:
        try:
            model = apps.get_model(self.kwargs["app_label"], self.kwargs["model_name"])
            rule_for(model)  # a model without a scope rule has no history to show here
        except LookupError:
            raise Http404 from None
        return model._default_manager.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entries = redact_history(self.request.user, history(self.object))  # no ids out of scope
        table = AuditEntryTable(entries, exclude=["object"])
        return super().get_context_data(**kwargs) | {"entries": entries, "history_table": table}
