"""The generic views every page is built from, in the spirit of NetBox's ``netbox/views/generic``.

A page is declared, not written: its queryset (scoped by core), its permission, its FilterSet and table, its
form and the ONE service that does the work. The order of checks is the same everywhere:

1. not signed in → the login page;
2. the object named in the URL is fetched within the user's scope → 404 outside it (``ScopedObjectMixin``);
3. ``ensure_can(user, object_permission, object)`` once → 403 for an action that is not theirs;
4. the page's model-level ``permission_required`` (lists) → 403;
   then ``refuse()`` may send the user elsewhere with a message (a closed cycle cannot be edited);
5. the method: a GET on a POST-only action → 405 (after 2-4, so a 405 tells nothing about the object).

Writes call one service; its ``ValidationError`` reaches the user through ``core.views.errors`` only. No view
opens a transaction: the service is atomic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm, ModelForm
from django.forms.widgets import PasswordInput
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.generic.base import ContextMixin, TemplateResponseMixin
from django_filters.views import FilterView

from rightstrack.core.db_router import ReplicaReadsMixin
from rightstrack.core.forms import ScopedFormMixin
from rightstrack.core.scope import ensure_can, get_scoped_or_404, scoped
from rightstrack.core.types import Actor
from rightstrack.core.views.errors import add_error_messages, add_form_errors

Service = Callable[..., Any]


class BaseView(AccessMixin, View):
    """Signed in, then the object (if any) in scope and allowed, then the page's model-level permission."""

    permission_required: str | None = None
    #: Refuse an unsupported method before looking anything up (pages whose objects are personal).
    method_check_first = False
    request: HttpRequest

    @property
    def actor(self) -> Actor:
        """The signed-in user (dispatch has sent everyone else to the login page)."""
        return cast(Actor, self.request.user)

    def check_object(self) -> None:
        """Fetch and check what the URL names; nothing on pages without an object."""

    def refuse(self) -> HttpResponse | None:
        """A page to send the user to instead of this one (e.g. the cycle is closed), or None."""
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.method_check_first and request.method.lower() not in self.http_method_names:  # type: ignore[union-attr]
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.check_object()
        if self.permission_required and not request.user.has_perm(self.permission_required):
            raise PermissionDenied(_("You do not have permission to do this."))
        refused = self.refuse()
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin(BaseView):
    """Fetch the URL's object within the user's scope (404 outside it), then ``ensure_can`` once."""

    queryset: models.QuerySet | None = None
    object_permission: str | None = None
    pk_url_kwarg = "pk"
    #: The name the object has in the template context (besides ``object``).
    context_object_name: str | None = None
    #: The keyword the service takes the object under (the model's name by default: ``body=``).
    object_kwarg: str | None = None
    object: Any = None
    kwargs: dict[str, Any]

    def get_queryset(self) -> models.QuerySet:
        if self.queryset is None:
            raise NotImplementedError(f"{type(self).__name__} must say which queryset its objects come from")
        return self.queryset.all()

    def get_object(self) -> Any:
        """The object the URL names, within scope; None on pages that create one."""
        pk = self.kwargs.get(self.pk_url_kwarg)
        if pk is None:
            return None
        return get_scoped_or_404(self.request.user, self.get_queryset(), pk=pk)

    def get_permission_object(self) -> models.Model | None:
        """What ``object_permission`` is checked on (for a new row, a probe: ``Membership(body=...)``)."""
        return cast(models.Model | None, self.object)

    def check_object(self) -> None:
        self.object = self.get_object()
        if self.object_permission:
            ensure_can(self.request.user, self.object_permission, self.get_permission_object())

    def get_object_kwarg(self) -> str | None:
        if self.object_kwarg:
            return self.object_kwarg
        return self.object._meta.model_name if isinstance(self.object, models.Model) else None

    def get_context_object_name(self) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        return self.object._meta.model_name if isinstance(self.object, models.Model) else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        if self.object is not None:
            context.setdefault("object", self.object)
            name = self.get_context_object_name()
            if name:
                context.setdefault(name, self.object)
        return cast(dict[str, Any], context)


class ServiceMixin:
    """The one service a write view calls, with ``actor=`` and the view's keyword arguments."""

    service: ClassVar[Service | None] = None
    success_message: str | Promise = ""
    request: HttpRequest
    actor: Any

    def call_service(self, **kwargs: Any) -> Any:
        service = self.__dict__.get("service") or type(self).service  # as_view(service=...) or the class's
        if service is None:
            raise NotImplementedError(f"{type(self).__name__} must name the service that does its work")
        return service(actor=self.actor, **kwargs)

    def get_success_message(self, result: Any) -> str:
        return str(self.success_message)

    def success(self, result: Any) -> None:
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)


class ObjectListView(ReplicaReadsMixin, BaseView, FilterView):
    """A scoped, filtered, paginated list rendered through its table (``core.tables``); its GET may read from
    the replica (``core.db_router``)."""

    queryset: models.QuerySet | None = None
    table_class: type | None = None
    paginate_by = 50

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A filter that cannot be used (``?year=0``, an impossible date, an id past the database's range)
        answers 400: the filter form says why beside each field, the list is empty (django-filter's strict
        mode). See docs/decisions/0010-bad-query-input.md."""
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and self.filterset.errors:
            response.status_code = 400
        return response

    def get_queryset(self) -> models.QuerySet:
        if self.queryset is None:
            raise NotImplementedError(f"{type(self).__name__} must say which queryset it lists")
        return scoped(self.request.user, self.queryset.all())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.table_class is not None:
            context["table"] = self.table_class(context["object_list"])
        return context


class ObjectView(ScopedObjectMixin, TemplateResponseMixin, ContextMixin):
    """One object's page (or a file about it): fetched in scope, ``object_permission`` checked on it."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.render_to_response(self.get_context_data(**kwargs))


class ObjectEditView(ServiceMixin, ScopedObjectMixin, FormView):
    """Create (no pk in the URL) or change an object through ONE named service; its errors land on the form.

    The service gets ``actor=``, the form's cleaned data and, when editing, the object under
    ``object_kwarg`` (the model's name by default): ``service=body_update`` gets ``body=``.
    """

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        form_class = self.get_form_class()
        if issubclass(form_class, ScopedFormMixin):
            kwargs["user"] = self.actor
        if issubclass(form_class, ModelForm):
            # The form gets its own copy: the service must see the stored values as "before".
            if self.object is not None:
                kwargs["instance"] = type(self.object)._default_manager.get(pk=self.object.pk)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        """A plain form editing an object starts from the object's values (never a password)."""
        initial = super().get_initial()
        form_class = self.get_form_class()
        if self.object is not None and not issubclass(form_class, ModelForm):
            for name, field in form_class.base_fields.items():
                if name not in initial and not isinstance(field.widget, PasswordInput):
                    if hasattr(self.object, name):
                        initial[name] = getattr(self.object, name)
        return initial

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        data = dict(form.cleaned_data)
        name = self.get_object_kwarg()
        if self.object is not None and name:
            data[name] = self.object
        return data

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            self.result = self.call_service(**self.get_service_kwargs(form))
        except ValidationError as error:
            add_form_errors(form, error)
            return self.form_invalid(form)
        self.success(self.result)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return str(self.result.get_absolute_url())


class ObjectActionView(ServiceMixin, ScopedObjectMixin, TemplateView):
    """A POST that calls ONE service on the object (submit, accept, open, close, mark read…).

    With a ``template_name``, a GET shows the confirmation page (and a ``form_class``, if any, is shown and
    validated there); without one the action is POST-only. A service's refusal is shown as a message on the
    page the action returns to, or on the form when there is one.
    """

    template_name: str | None = None  # type: ignore[assignment]
    form_class: type[BaseForm] | None = None
    #: Where a refused action goes back to when it has no form to show the error on (default: success URL).
    failure_url: str | None = None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.template_name:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm | None:
        if self.form_class is None:
            return None
        kwargs = self.get_form_kwargs()
        if issubclass(self.form_class, ScopedFormMixin):
            kwargs["user"] = self.actor
        return self.form_class(data, files, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        data = dict(form.cleaned_data) if form is not None else {}
        name = self.get_object_kwarg()
        if self.object is not None and name:
            data[name] = self.object
        return data

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form(request.POST, request.FILES) if self.form_class else None
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        try:
            self.result = self.call_service(**self.get_service_kwargs(form))
        except ValidationError as error:
            return self.service_refused(form, error)
        self.success(self.result)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        if self.template_name:
            return self.render_to_response(self.get_context_data(form=form))
        messages.error(self.request, _("Please correct the fields marked below."))
        return HttpResponseRedirect(self.get_failure_url())

    def service_refused(self, form: BaseForm | None, error: ValidationError) -> HttpResponse:
        if form is not None and self.template_name:
            add_form_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        add_error_messages(self.request, error)
        return HttpResponseRedirect(self.get_failure_url())

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url())

    def get_failure_url(self) -> str:
        return self.failure_url or self.get_success_url()


class ObjectDeleteView(ObjectActionView):
    """Delete (or end) one object through its service; back to ``success_url`` (the list) afterwards."""

    success_url: str | None = None

    def get_success_url(self) -> str:
        if self.success_url is None:
            raise NotImplementedError(f"{type(self).__name__} must say where to go once the object is gone")
        return str(self.success_url)
