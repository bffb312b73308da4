"""The public portal's pages, declared on ``core.views.public``: anonymous, read-only, kept in the public
cache, and built only on ``recommendations.selectors.public_*`` (published rows; decision "public portal")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from rightstrack.core import public_cache
from rightstrack.core.views.public import PublicListView, PublicObjectView
from rightstrack.portal import exports
from rightstrack.portal.tables import PublicRecommendationTable
from rightstrack.recommendations import published, selectors
from rightstrack.recommendations.filters import PublicRecommendationFilterSet
from rightstrack.recommendations.views import facet_link

LANGUAGE_COOKIE_DAYS = 365


def _query_without(request: HttpRequest, *names: str) -> Any:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query


class RecommendationListView(PublicListView):
    """Search (typed with or without diacritics), filters with their counts, the list, and the same list as
    CSV or JSON."""

    queryset = selectors.public_list()
    filterset_class = PublicRecommendationFilterSet
    table_class = PublicRecommendationTable
    template_name = "portal/recommendation_list.html"
    paginate_by = 25

    def counts(self) -> selectors.FacetCounts:
        """The total and the facets of the filtered list, kept per filter set and published data version
        (``published.list_counts``); none for filters that are not usable (a 400 page lists nothing)."""
        if not hasattr(self, "_counts"):
            filterset = self.filterset
            if not filterset.is_bound:
                self._counts = published.list_counts(filterset.qs, {})
            elif filterset.is_valid():
                self._counts = published.list_counts(filterset.qs, filterset.form.cleaned_data)
            else:
                self._counts = selectors.facet_counts(self.object_list)
        return self._counts

    def get_paginator(self, queryset: Any, per_page: int, *args: Any, **kwargs: Any) -> Paginator:
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        paginator.__dict__["count"] = self.counts().total  # the kept total: the paginator does not count
        return paginator

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        query = _query_without(self.request, "page")
        ctx.update(
            facets=[
                {"facet": facet, "values": [facet_link(query, v) for v in facet.values]}
                for facet in selectors.facets_of(self.counts())
            ],
            total=self.counts().total,
            query=query.urlencode(),
            searched=any(v for k, v in query.items()),
        )
        return ctx


class RecommendationDetailView(PublicObjectView):
    """A published recommendation's permanent page: its text, status and public evidence."""

    queryset = selectors.public_detail()
    template_name = "portal/recommendation_detail.html"
    context_object_name = "recommendation"


class RecommendationByExternalIdView(RecommendationDetailView):
    """The same page, found by UHRI's id (a link that survives a re-import)."""

    lookup_field = "external_id"
    lookup_url_kwarg = "external_id"


class RecommendationExportView(PublicListView):
    """The filtered list as a file: CSV (UTF-8, for Excel) or JSON (a list of objects)."""

    queryset = selectors.public_list()
    filterset_class = PublicRecommendationFilterSet
    paginate_by = None
    file_format = "csv"

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponseBase:
        """Streamed as the rows are read (not kept in the public cache: a file can be the whole list)."""
        response = StreamingHttpResponse(
            exports.public_stream(self.object_list, file_format=self.file_format),
            content_type=exports.CONTENT_TYPES[self.file_format],
        )
        response["Content-Disposition"] = f'attachment; filename="recommendations.{self.file_format}"'
        public_cache.public_headers(response)
        return response


class LanguageView(View):
    """The language switch of the public pages: a link (GET), so that no page of the portal carries a form
    token and every page can be kept in the cache. It only sets the language cookie and goes back."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        language = request.GET.get("language", "")
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("portal:recommendation_list")
        response = HttpResponseRedirect(target)
        if language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=LANGUAGE_COOKIE_DAYS * 24 * 3600,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response
