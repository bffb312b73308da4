"""Activities over the API: scoped reads, every write through the activities services.

400: a bad payload or a refused row (named by its index and field); 403: a role that does not record
activities; 404: a body, activity or unit outside the caller's scope.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.activities import imports, selectors, services
from rightstrack.activities.api.serializers import (
    ActivityCreateSerializer,
    ActivityInputSerializer,
    ActivitySerializer,
    AudienceGroupSerializer,
    BatchResultSerializer,
    BatchSerializer,
    ImportUploadSerializer,
)
from rightstrack.activities.filters import ActivityFilterSet
from rightstrack.activities.models import Activity, AudienceGroup
from rightstrack.core.api import ScopedReadOnlyViewSet, ServiceCreateMixin, ServiceUpdateMixin
from rightstrack.core.jobs.api import JobSerializer, accepted
from rightstrack.core.scope import ensure_can, scoped


class AudienceGroupViewSet(ScopedReadOnlyViewSet):
    """The audience groups an activity may reach (a taxonomy administrators edit)."""

    base_queryset = selectors.audience_groups(active_only=False)
    queryset = AudienceGroup.objects.none()
    serializer_class = AudienceGroupSerializer
    pagination_class = None


class ActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ServiceCreateMixin,
    ServiceUpdateMixin,
):
    """Awareness, training and law-dissemination activities of the bodies in the caller's scope."""

    base_queryset = selectors.activity_list().order_by("-date", "-pk")
    queryset = Activity.objects.none()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    create_service = services.activity_create
    create_permission = "activities.add_activity"
    update_service = services.activity_update
    update_permission = "activities.change_activity"
    object_kwarg = "activity"

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return ActivityCreateSerializer
        if self.action in {"update", "partial_update"}:
            return ActivityInputSerializer
        return ActivitySerializer

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.activity_list().get(pk=instance.pk)
        return Response(ActivitySerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=ActivityCreateSerializer, responses={201: ActivitySerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record one activity of a body in the caller's scope."""
        return super().create(request, *args, **kwargs)

    @extend_schema(request=ActivityInputSerializer, responses={200: ActivitySerializer})
    def update(self, request: Request, *args: Any, partial: bool = False, **kwargs: Any) -> Response:
        """Change an activity (audited)."""
        return super().update(request, *args, partial=partial, **kwargs)

    @extend_schema(request=ActivityInputSerializer, responses={200: ActivitySerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change some of an activity's fields."""
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def delete(self, request: Request, pk: str | None = None) -> Response:
        """Delete an activity (audited)."""
        activity = self.get_checked_object("activities.delete_activity")
        self.call_service(services.activity_delete, activity=activity)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=BatchSerializer, responses={200: BatchResultSerializer})
    @action(detail=False, methods=["post"])
    def batch(self, request: Request) -> Response:
        """Create, change and delete many activities of one body at once: all rows are saved, or none
        (400 names each refused row by its index, from 0, and field)."""
        ensure_can(request.user, "activities.add_activity")
        data = self.validated(BatchSerializer)
        body = data["body"]
        ids = [row["id"] for row in data["rows"] if row.get("id")]
        existing = {a.pk: a for a in scoped(self.actor, Activity.objects.filter(pk__in=ids))}
        if set(ids) - set(existing):
            raise Http404(_("Not found, or not within your scope."))
        rows = [
            services.ActivityInput(
                date=row["date"],
                date_end=row.get("date_end"),
                kind=row["kind"],
                topic=row["topic"],
                topic_en=row.get("topic_en", ""),
                participants=row.get("participants", 0),
                officials_trained=row.get("officials_trained", 0),
                audiences=row.get("audiences", []),
                place_text=row.get("place_text", ""),
                place=row.get("place"),
                notes=row.get("notes", ""),
                activity=existing.get(row.get("id") or 0),
                delete=bool(row.get("delete")),
            )
            for row in data["rows"]
        ]
        try:
            result = self.call_service(services.activities_save_batch, body=body, rows=rows)
        except services.BatchInvalid as error:
            return Response(
                {
                    "rows": {str(index): fields for index, fields in error.rows.items()},
                    "detail": error.messages,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {
                "created": [a.pk for a in result.created],
                "updated": [a.pk for a in result.updated],
                "deleted": result.deleted,
            }
        )

    @extend_schema(request={"multipart/form-data": ImportUploadSerializer}, responses={202: JobSerializer})
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_xlsx(self, request: Request) -> Response:
        """Import a spreadsheet (the template's columns) as a job: poll it; its ``result`` lists the rows
        read and every problem by row and column. ``dry_run`` (default true) saves nothing."""
        ensure_can(request.user, "activities.add_activity")
        data = self.validated(ImportUploadSerializer)
        job = self.call_service(
            imports.activities_import_start, body=data["body"], file=data["file"], dry_run=data["dry_run"]
        )
        return accepted(job, request)
