"""Tag suggestions and taggers' versions over the API: scoped reads; accept, reject and retrain through the
tagging services (404 for a text outside the caller's scope, 403 for a decision that is not theirs)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api import ScopedReadOnlyViewSet, ServiceViewSet
from rightstrack.core.jobs.api import JobSerializer, accepted
from rightstrack.tagging import selectors, services
from rightstrack.tagging.api.serializers import (
    RetrainSerializer,
    SuggestionSerializer,
    SuggestRequestSerializer,
    TaggerVersionSerializer,
)
from rightstrack.tagging.filters import SuggestionFilterSet, TaggerVersionFilterSet
from rightstrack.tagging.jobs import target_object
from rightstrack.tagging.models import TaggerVersion


class SuggestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """The suggestions of the texts the caller sees; filter by ``recommendation``, ``report`` (+ ``section``),
    ``conference`` or ``document`` for one text's, by ``taxonomy``, ``code`` (the term) and ``state``
    (``state=accepted``: the tags); ``suggest`` asks for a text's suggestions."""

    base_queryset = selectors.suggestion_list().select_related(
        "recommendation", "report", "conference", "document"
    )
    queryset = base_queryset.none()
    serializer_class = SuggestionSerializer
    filterset_class = SuggestionFilterSet
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=SuggestRequestSerializer, responses={202: JobSerializer})
    @action(detail=False, methods=["post"], serializer_class=SuggestRequestSerializer)
    def suggest(self, request: Request) -> Response:
        """Ask the taggers for one text's suggestions (a recommendation, a report — one ``section`` or every
        section with text —, a conference's minutes, a document): 202 with the job that makes them; they are
        then listed here as pending. 404 for a text outside the caller's scope, 403 for one whose tags are
        not theirs to decide."""
        serializer = SuggestRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        obj = target_object(self.actor, data["kind"], data["id"])
        job = self.call_service(services.suggestions_request, obj=obj, section_key=data["section"])
        return accepted(job, request)

    def get_serializer_class(self) -> Any:
        return SuggestRequestSerializer if self.action == "suggest" else SuggestionSerializer

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """The term applies: the tag becomes real (on a recommendation, one of its own tags)."""
        suggestion = self.get_checked_object("tagging.decide_suggestion")
        return self.respond(self.call_service(services.suggestion_accept, suggestion=suggestion))

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """The term does not apply (an accepted tag is taken away); kept as a label for the next training."""
        suggestion = self.get_checked_object("tagging.decide_suggestion")
        return self.respond(self.call_service(services.suggestion_reject, suggestion=suggestion))


class TaggerVersionViewSet(ScopedReadOnlyViewSet):
    """Every trained version of each taxonomy's tagger, the one in use marked ``active``, with the figures it
    measured on held-out folds; ``retrain`` starts a retraining job (the standing office, administrators)."""

    base_queryset = TaggerVersion.objects.defer("model").select_related("created_by")
    queryset = TaggerVersion.objects.none()
    serializer_class = TaggerVersionSerializer
    filterset_class = TaggerVersionFilterSet

    @extend_schema(request=RetrainSerializer, responses={202: JobSerializer})
    @action(detail=False, methods=["post"], serializer_class=RetrainSerializer)
    def retrain(self, request: Request) -> Response:
        """Retrain a taxonomy's tagger on every label; the new version is used only if it measures better."""
        serializer = RetrainSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = self.call_service(services.tagger_retrain_start, taxonomy=serializer.validated_data["taxonomy"])
        return accepted(job, request)

    def get_serializer_class(self) -> Any:
        return RetrainSerializer if self.action == "retrain" else TaggerVersionSerializer
