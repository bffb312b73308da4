"""Proposals over the API: scoped reads, every write through the proposal services.

400: a bad payload or a refused rule (a status the answer does not allow, a passage from another body's
report, merging what is merged, deleting one answered or merged); 403: not allowed; 404: anything outside
the caller's scope.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api import ServiceCreateMixin, ServiceUpdateMixin
from rightstrack.proposals import selectors, services
from rightstrack.proposals.api.serializers import (
    ProposalAnswerSerializer,
    ProposalDetailSerializer,
    ProposalMergeSerializer,
    ProposalSerializer,
    ProposalUpdateSerializer,
    ProposalWriteSerializer,
)
from rightstrack.proposals.filters import ProposalFilterSet
from rightstrack.proposals.models import Proposal
from rightstrack.proposals.services import Source


class ProposalViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin
):
    """Proposals to higher authorities, with their source passages, laws concerned and the answers."""

    base_queryset = selectors.proposal_list().order_by("-submitted_on", "-pk")
    queryset = Proposal.objects.none()
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilterSet
    create_service = services.proposal_create
    create_permission = "proposals.add_proposal"
    update_service = services.proposal_update
    update_permission = "proposals.change_proposal"
    object_kwarg = "proposal"

    def get_object(self) -> Any:
        if self.action == "retrieve":
            self.base_queryset = selectors.proposal_detail()
        return super().get_object()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return ProposalWriteSerializer
        if self.action in {"update", "partial_update"}:
            return ProposalUpdateSerializer
        if self.action == "retrieve":
            return ProposalDetailSerializer
        return ProposalSerializer

    def respond(self, instance: Any, *, code: int = 200) -> Response:
        fresh = selectors.proposal_detail().get(pk=instance.pk)
        return Response(
            ProposalDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def get_create_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        kwargs = dict(data)
        sources = [Source(section=section) for section in kwargs.pop("sections", [])]
        conference = kwargs.pop("conference", None)
        if conference is not None:
            sources.append(Source(conference=conference))
        return kwargs | {"sources": sources}

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete a proposal recorded by mistake: only while it is submitted and merged with none (400
        otherwise, with the reason); the audit log keeps it."""
        proposal = self.get_checked_object("proposals.delete_proposal")
        self.call_service(services.proposal_delete, proposal=proposal)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ProposalWriteSerializer, responses={201: ProposalDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record a proposal of a body within the caller's scope, with its source passages."""
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ProposalUpdateSerializer, responses={200: ProposalDetailSerializer})
    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        """Change a proposal's text, topic, authority or the laws it concerns."""
        return super().update(request, *args, partial=partial, **kwargs)

    @extend_schema(request=ProposalUpdateSerializer, responses={200: ProposalDetailSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change some of a proposal's fields."""
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(request=ProposalAnswerSerializer, responses={200: ProposalDetailSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        """Record the authority's answer (under consideration, adopted, declined); an answer given stands."""
        proposal = self.get_checked_object("proposals.respond_proposal")
        data = self.validated(ProposalAnswerSerializer)
        return self.respond(self.call_service(services.proposal_status_change, proposal=proposal, **data))

    @extend_schema(request=ProposalMergeSerializer, responses={200: ProposalDetailSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge the same proposal from other bodies into this one (their passages are kept, traceably)."""
        target = self.get_checked_object("proposals.merge_proposal")
        data = self.validated(ProposalMergeSerializer)
        return self.respond(
            self.call_service(services.proposal_merge, target=target, proposals=list(data["proposals"]))
        )
