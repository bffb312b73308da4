"""The generic views of the public, anonymous pages (the portal): read-only, nobody signed in, and kept in
the public cache (``core.public_cache``).

They are the only pages that answer someone not signed in with content. Their safety lies in the queryset a
page declares: it must be the *public* one (published rows only), which the app's selectors give; nothing
here looks at a user or a scope, because nothing here may depend on one. GET and HEAD only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic.base import ContextMixin, TemplateResponseMixin
from django_filters.views import FilterView

from rightstrack.core import public_cache
from rightstrack.core.db_router import ReplicaReadsMixin


class PublicPageMixin:
    """GET only; a kept page is answered from the cache before anything reads the database."""

    http_method_names: Sequence[str] = ("get", "head")
    #: Keep the page in the public cache (per path, query and language).
    cached = True

    def build(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return cast(HttpResponseBase, super().get(request, *args, **kwargs))  # type: ignore[misc]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        key = public_cache.page_key(request) if self.cached else None
        kept = public_cache.read(key)
        if kept is not None:
            return public_cache.public_headers(kept)
        response = self.build(request, *args, **kwargs)
        render = getattr(response, "render", None)
        if callable(render) and not getattr(response, "is_rendered", True):
            render()
        if isinstance(response, HttpResponse):
            public_cache.keep(key, response)
            public_cache.public_headers(response)
        return response


class PublicListView(ReplicaReadsMixin, PublicPageMixin, FilterView):
    """A list of public rows, filtered and paginated; an unusable filter answers 400 (decision 0010)."""

    queryset: models.QuerySet | None = None
    table_class: type | None = None
    paginate_by: int | None = 50

    def get_queryset(self) -> models.QuerySet:
        if self.queryset is None:
            raise NotImplementedError(f"{type(self).__name__} must say which public rows it lists")
        return self.queryset.all()

    def build(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().build(request, *args, **kwargs)
        if self.filterset.is_bound and self.filterset.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.table_class is not None:
            context["table"] = self.table_class(context["object_list"])
        return context


class PublicObjectView(PublicPageMixin, TemplateResponseMixin, ContextMixin, View):
    """One public row, by the URL's ``lookup_url_kwarg`` (its id, or another stable key): 404 when it is not
    in the public queryset, which a withdrawn row no longer is."""

    queryset: models.QuerySet | None = None
    lookup_field = "pk"
    lookup_url_kwarg = "pk"
    context_object_name: str | None = None
    object: Any = None
    kwargs: dict[str, Any]

    def get_object(self) -> Any:
        if self.queryset is None:
            raise NotImplementedError(f"{type(self).__name__} must say which public rows it shows")
        found = self.queryset.filter(**{self.lookup_field: self.kwargs[self.lookup_url_kwarg]}).first()
        if found is None:
            raise Http404(_("Not found."))
        return found

    def build(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object, **kwargs)
        if self.context_object_name:
            context[self.context_object_name] = self.object
        return self.render_to_response(context)
