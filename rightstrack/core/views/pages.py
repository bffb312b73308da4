"""Core's own pages: home, the audit log and any object's history."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest
from django.views.generic import TemplateView

from rightstrack.core import registry
from rightstrack.core.audit import history
from rightstrack.core.filters import AuditEntryFilterSet
from rightstrack.core.models import AuditEntry
from rightstrack.core.redaction import redact_history
from rightstrack.core.scope import rule_for, scope_root
from rightstrack.core.tables import AuditEntryTable
from rightstrack.core.views.generic import ObjectListView, ObjectView

PREVIOUS_VISIT_SESSION_KEY = "rt_previous_visit"  # set when signing in: the user's last sign-in before this


def previous_visit(request: HttpRequest) -> datetime.datetime | None:
    """When the signed-in user's previous visit began, as the sign-in page kept it in the session."""
    value = request.session.get(PREVIOUS_VISIT_SESSION_KEY)
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class HomeView(LoginRequiredMixin, TemplateView):
    """Each role's work list: the panels the apps registered for the user's role (core.registry), in order.

    A panel whose context is ``None`` has nothing for this user and is left out; a fallback panel ("nothing
    is assigned yet") gives way to any panel of assigned work that has something.
    """

    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        since = previous_visit(self.request)
        panels = []
        for panel in registry.home_panels():
            if not panel.visible_to(user):
                continue
            extra = {"since": since} if panel.since else {}
            data = registry.resolve(panel.context)(user=user, **extra)
            if data is not None:
                panels.append({"template": panel.template, "data": data, "panel": panel})
        if any(shown["panel"].assigned_work for shown in panels):
            panels = [shown for shown in panels if not shown["panel"].fallback]
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

    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        paginator = Paginator(history(self.object), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))  # a bad page number shows the first or last
        entries = redact_history(self.request.user, page.object_list)  # no ids out of scope
        table = AuditEntryTable(entries)
        return super().get_context_data(**kwargs) | {
            "entries": entries,
            "history_table": table,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
        }
