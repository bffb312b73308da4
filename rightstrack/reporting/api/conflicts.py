"""409 answers: a stale save carries the current content and the refused input, as do refused steps."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.response import Response

from rightstrack.core.views.errors import error_text
from rightstrack.reporting.api.serializers import FigureField
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.exceptions import InvalidTransition, ReportNotEditable, StaleReport


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()


class ReportContentStateSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    sections = serializers.DictField(child=serializers.CharField())
    figures = serializers.DictField(child=serializers.CharField(allow_null=True))
    unplaced = serializers.CharField()


class AttemptedContentSerializer(serializers.Serializer):
    sections = serializers.DictField(child=serializers.CharField())
    figures = serializers.DictField(child=FigureField())


class StaleSerializer(ConflictSerializer):
    current = ReportContentStateSerializer(required=False, help_text="Only for code 'stale'.")
    attempted = AttemptedContentSerializer(required=False, help_text="Only for code 'stale'.")


CONFLICT = OpenApiResponse(
    ConflictSerializer, description="The report's state does not allow this (code: invalid_transition, …)."
)
STALE_OR_CONFLICT = OpenApiResponse(
    StaleSerializer,
    description="Someone saved first (code 'stale': 'current' holds the newer content, 'attempted' what "
    "was refused), or the report's state does not allow this ('current' and 'attempted' then absent).",
)


def conflict_response(exc: DjangoValidationError) -> Response:
    """A 409 for a state conflict; a stale save carries the current content and the refused input."""
    payload: dict[str, Any] = {"detail": error_text(exc), "code": exc.code or "conflict"}
    if isinstance(exc, StaleReport):
        payload["current"] = {
            "version": exc.report.version,
            "status": exc.report.status,
            "sections": exc.sections,
            "figures": exc.figures,
            "unplaced": exc.report.unplaced_html,
        }
        payload["attempted"] = {
            "sections": exc.attempted_sections,
            "figures": {key: _plain(value) for key, value in exc.attempted_figures.items()},
        }
        merge = getattr(exc, "merge", None)  # services.conflicts.find_conflicts, when the save was known
        if merge is not None:
            payload["merge"] = merge.as_dict()
    return Response(payload, status=status.HTTP_409_CONFLICT)


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float) else str(value)


class ConflictsAs409:
    """Viewset mixin: stale saves, refused transitions and frozen content answer 409 instead of 400."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, StaleReport | InvalidTransition | ReportNotEditable):
            return conflict_response(exc)
        return super().handle_exception(exc)  # type: ignore[misc]
