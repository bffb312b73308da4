"""``/api/jobs/``: the caller's jobs (administrators: everyone's), their progress, and the result file."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api.viewsets import ScopedReadOnlyViewSet
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.registry import kind_or_none


class JobSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="label", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    message = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    result_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "url",
            "kind",
            "title",
            "state",
            "done",
            "total",
            "percent",
            "message",
            "error",
            "result_name",
            "result_url",
            "result",
            "page_url",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_message(self, job: Job) -> str:
        return job.message_text() if job.is_live else ""

    def get_url(self, job: Job) -> str:
        return self._absolute(reverse("jobs-detail", args=[job.pk]))

    def get_page_url(self, job: Job) -> str:
        return self._absolute(job.get_absolute_url())

    def get_result(self, job: Job) -> dict[str, Any] | None:
        """What the job produced besides a file (its kind decides; e.g. a Word import's plan)."""
        kind = kind_or_none(job.kind)
        present = kind.presenter() if kind is not None else None
        if job.state != JobState.SUCCEEDED or present is None:
            return None
        return present(job)

    def get_result_url(self, job: Job) -> str | None:
        if not job.has_result_file:
            return None
        return self._absolute(reverse("jobs-result", args=[job.pk]))


class JobViewSet(ScopedReadOnlyViewSet):
    """Poll a job until ``state`` is ``succeeded`` (then fetch ``result_url``), ``failed`` (see ``error``) or
    ``cancelled``. Endpoints that start long work answer 202 with the job in this shape."""

    base_queryset = Job.objects.all()
    queryset = Job.objects.none()
    serializer_class = JobSerializer
    filterset_fields = ["state", "kind"]

    @action(detail=True, methods=["get"])
    def result(self, request: Request, pk: Any = None) -> FileResponse:
        job = self.get_object()
        if job.state != JobState.SUCCEEDED or not job.result:
            raise Http404(_("This job has no file to download."))
        return FileResponse(
            job.result.open("rb"),
            as_attachment=True,
            filename=job.result_name or (job.result.name or "").rsplit("/", 1)[-1],
            content_type=job.result_type or "application/octet-stream",
        )


def accepted(job: Job, request: Request) -> Response:
    """The answer of an endpoint that started (or found) a job: 202, the job, and where to poll it."""
    data = JobSerializer(job, context={"request": request}).data
    return Response(data, status=202, headers={"Location": data["url"]})
