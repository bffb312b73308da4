"""Directives and tasks over the API: scoped reads, every write through the followup services.

400: a bad payload or a refused rule (a body outside the issuer's scope, a task due before its directive,
a transition not allowed, evidence from another body's report); 403: not the caller's to do; 404: anything
outside the caller's scope.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from rightstrack.core.api import ScopedReadOnlyViewSet, ServiceCreateMixin, ServiceUpdateMixin, ServiceViewSet
from rightstrack.core.scope import scoped
from rightstrack.followup import selectors, services
from rightstrack.followup.api.serializers import (
    AssignedSerializer,
    AssignSerializer,
    DirectiveKindSerializer,
    DirectiveSerializer,
    DirectiveWriteSerializer,
    TaskDetailSerializer,
    TaskProgressSerializer,
    TaskSerializer,
    TaskUpdateSerializer,
)
from rightstrack.followup.choices import TargetMode
from rightstrack.followup.filters import DirectiveFilterSet, TaskFilterSet
from rightstrack.followup.models import Directive, DirectiveKind, Task
from rightstrack.followup.services import Target


class DirectiveKindViewSet(ScopedReadOnlyViewSet):
    """The kinds of directive (the standing office edits the list on its page)."""

    base_queryset = DirectiveKind.objects.order_by("order", "name")
    queryset = DirectiveKind.objects.none()
    serializer_class = DirectiveKindSerializer


class DirectiveViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceCreateMixin, ServiceUpdateMixin
):
    """Directives, with counts of the tasks the caller may see."""

    base_queryset = Directive.objects.none()
    queryset = Directive.objects.none()
    serializer_class = DirectiveSerializer
    filterset_class = DirectiveFilterSet
    create_service = services.directive_create
    create_permission = "followup.add_directive"
    update_service = services.directive_update
    update_permission = "followup.change_directive"
    object_kwarg = "directive"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        self.base_queryset = selectors.directive_list(user=self.request.user).order_by(
            "-issued_on", "number", "-pk"
        )
        return super().get_queryset()

    def get_object(self) -> Any:
        self.base_queryset = selectors.directive_list(user=self.request.user)
        return super().get_object()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action in {"create", "update", "partial_update"}:
            return DirectiveWriteSerializer
        return DirectiveSerializer

    def get_update_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in data.items() if name in services.DIRECTIVE_FIELDS}

    def respond(self, instance: Any, *, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.directive_list(user=self.request.user).get(pk=instance.pk)
        return Response(DirectiveSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=DirectiveWriteSerializer, responses={201: DirectiveSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record a directive (the standing office, for bodies in its scope)."""
        return super().create(request, *args, **kwargs)

    @extend_schema(request=DirectiveWriteSerializer, responses={200: DirectiveSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change some of a directive's fields."""
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(request=AssignSerializer, responses={200: AssignedSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Fan the directive out into one task per body; bodies that have a task of it already keep it."""
        directive = self.get_checked_object("followup.assign_task")
        data = self.validated(AssignSerializer)
        mode = data["mode"]
        target = Target(
            bodies=list(data.get("bodies") or ()) if mode == TargetMode.BODIES else None,
            conference_participants=mode == TargetMode.CONFERENCE,
            all_provincial=mode == TargetMode.PROVINCIAL,
            member_ministries=mode == TargetMode.MINISTRIES,
            communes_of=data.get("province") if mode == TargetMode.COMMUNES else None,
            commune_kinds=tuple(data.get("commune_kinds") or ()),
        )
        if mode == TargetMode.COMMUNES and target.communes_of is None:
            raise serializers.ValidationError({"province": ["Choose the province."]})
        result = self.call_service(
            services.tasks_assign,
            directive=directive,
            target=target,
            due_on=data["due_on"],
            note=data["note"],
        )
        return Response({"created": [t.pk for t in result.created], "existing": result.existing})


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Tasks: the caller's own body's and, for the issuing office, those of its directives."""

    base_queryset: QuerySet[Task] = selectors.task_list().order_by("due_on", "body__name", "pk")
    queryset = Task.objects.none()
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet

    def get_object(self) -> Any:
        if self.action == "retrieve":
            self.base_queryset = selectors.task_detail()
        return super().get_object()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "retrieve":
            return TaskDetailSerializer
        return TaskSerializer

    @extend_schema(request=TaskProgressSerializer, responses={201: TaskUpdateSerializer})
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        """A progress note: text, a status change, "propose done", evidence (a section of the body's own
        report, a file — multipart — a reference, a legal document of the register, an activity of the
        task's body, a kept document the caller can read). Only the issuing office confirms done or
        cancels. An id out of the caller's scope is "not found"; another body's activity is refused (400)."""
        task = self.get_checked_object("followup.update_task")
        serializer = TaskProgressSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        update = self.call_service(services.task_update, task=task, **serializer.to_service())
        return Response(TaskUpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: TaskSerializer})
    @action(detail=False, methods=["get"])
    def overdue(self, request: Request) -> Response:
        """Overdue tasks across the bodies the caller sees (the standing office and reviewers)."""
        if not request.user.has_perm("followup.view_overdue"):
            raise PermissionDenied(_("You do not have permission to do this."))
        tasks = scoped(request.user, selectors.overdue_tasks())
        tasks = self.filter_queryset(tasks)
        page = self.paginate_queryset(tasks)
        return self.get_paginated_response(TaskSerializer(page, many=True).data)
