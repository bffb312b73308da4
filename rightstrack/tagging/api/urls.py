"""The tagging API's routes on the project's one router."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from rightstrack.tagging.api.views import SuggestionViewSet, TaggerVersionViewSet


def register(router: BaseRouter) -> None:
    router.register("tag-suggestions", SuggestionViewSet, basename="tag-suggestion")
    router.register("tagger-versions", TaggerVersionViewSet, basename="tagger-version")
