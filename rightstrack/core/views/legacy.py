"""TRANSITIONAL: the views reporting still builds on until it moves onto ``core.views.generic``.

Nothing new may use these; they go when reporting's split has landed and its views are ported."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from rightstrack.accounts.models import User
from rightstrack.core.scope import get_scoped_or_404, scoped
from rightstrack.core.views.errors import add_form_errors


class PermissionMixin(LoginRequiredMixin):
    """Model-level permission for the page; object-level checks happen where the object is fetched."""

    permission_required: str | None = None
    request: HttpRequest

    @property
    def actor(self) -> User:
        """The signed-in user (dispatch has already sent everyone else to the login page)."""
        return cast(User, self.request.user)

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
            add_form_errors(form, exc)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, str(self.success_message))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()  # type: ignore[attr-defined]
