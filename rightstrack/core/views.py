"""Thin generic views: lists are scoped and filtered by the model's FilterSet; lookups 404 out of scope."""

from __future__ import annotations

from typing import Any, cast

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from rightstrack.core import registry
from rightstrack.core.audit import history
from rightstrack.core.filters import AuditEntryFilterSet
from rightstrack.core.models import AuditEntry
from rightstrack.core.scope import can_see, ensure_can, get_scoped_or_404, rule_for, scope_root, scoped
from rightstrack.core.types import Actor


class PermissionMixin(LoginRequiredMixin):
    """Model-level permission for the page; object-level checks happen where the object is fetched."""

    permission_required: str | None = None
    request: HttpRequest

    @property
    def actor(self) -> Actor:
        """The signed-in user (dispatch has already sent everyone else to the login page)."""
        return cast(Actor, self.request.user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.permission_required and not request.user.has_perm(self.permission_required):
            raise PermissionDenied(_("You do not have permission to do this."))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,return-value]


class ScopedListView(PermissionMixin, FilterView):
    paginate_by = 50
    base_queryset: models.QuerySet

    def get_queryset(self) -> models.QuerySet:
        return scoped(self.request.user, self.base_queryset.all())


class ScopedDetailView(PermissionMixin, DetailView):
    base_queryset: models.QuerySet

    def get_object(self, queryset: models.QuerySet | None = None) -> Any:
        return get_scoped_or_404(self.request.user, self.base_queryset.all(), pk=self.kwargs["pk"])


class ServiceFormView(PermissionMixin, FormView):
    """A form whose valid data is handed to a service; service validation errors land on the form."""

    success_message: str | Promise = ""

    def perform(self, form: BaseForm) -> models.Model:
        raise NotImplementedError(f"{type(self).__name__} must say which service saves the form")

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            self.object = self.perform(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, str(self.success_message))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()  # type: ignore[attr-defined]


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


class AuditLogView(ScopedListView):
    permission_required = "core.view_auditentry"
    base_queryset = AuditEntry.objects.select_related("actor", "content_type")
    filterset_class = AuditEntryFilterSet
    template_name = "core/audit_log.html"


class ObjectHistoryView(LoginRequiredMixin, View):
    """The history of any audited object the user may see."""

    def get(self, request: HttpRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
        try:
            model = apps.get_model(app_label, model_name)
            rule_for(model)  # a model without a scope rule has no history to show here
        except LookupError:
            raise Http404 from None
        obj = get_scoped_or_404(request.user, model._default_manager.all(), pk=pk)
        if not can_see(request.user, obj):
            raise Http404
        return render(request, "core/history.html", {"object": obj, "entries": history(obj)})


def ensure_can_view(request: HttpRequest, perm: str, obj: models.Model) -> None:
    ensure_can(request.user, perm, obj)
