"""Directive and task pages, declared on the generic views: each write one service call."""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from rightstrack.core.scope import get_scoped_or_404, scope_root, scoped
from rightstrack.core.views.generic import ObjectActionView, ObjectEditView, ObjectListView, ObjectView
from rightstrack.exchange.uploads import CONTENT_TYPES
from rightstrack.followup import selectors, services
from rightstrack.followup.filters import (
    DirectiveFilterSet,
    DirectiveKindFilterSet,
    OverdueFilterSet,
    TaskFilterSet,
)
from rightstrack.followup.forms import AssignForm, DirectiveForm, DirectiveKindForm, TaskUpdateForm
from rightstrack.followup.models import Directive, DirectiveKind, Task, TaskEvidence
from rightstrack.followup.tables import DirectiveKindTable, DirectiveTable, DirectiveTaskTable, TaskTable

FOCAL_POINTS = ("provincial_focal_point", "agency_focal_point")
TASKS_PER_PAGE = 100


class DirectiveListView(ObjectListView):
    permission_required = "followup.view_directive"
    queryset = Directive.objects.all()
    filterset_class = DirectiveFilterSet
    table_class = DirectiveTable
    template_name = "followup/directive_list.html"

    def get_queryset(self) -> QuerySet[Directive]:
        return scoped(self.request.user, selectors.directive_list(user=self.request.user)).order_by(
            "-issued_on", "number", "-pk"
        )


class DirectiveDetailView(ObjectView):
    object_permission = "followup.view_directive"
    queryset = selectors.directive_detail()
    template_name = "followup/directive_detail.html"
    context_object_name = "directive"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        directive: Directive = self.object
        tasks = selectors.directive_tasks(directive, user=self.actor)
        done = selectors.completion(tasks)
        page = Paginator(tasks, TASKS_PER_PAGE).get_page(self.request.GET.get("page"))
        ctx.update(
            completion=done,
            chart_data={
                "labels": [
                    _("Open"),
                    _("In progress"),
                    _("Overdue"),
                    _("Done"),
                    _("Cancelled"),
                ],
                "values": [done.open, done.in_progress, done.overdue, done.done, done.cancelled],
                "title": _("Tasks by status"),
            },
            table=DirectiveTaskTable(page.object_list),
            page_obj=page,
            is_paginated=page.has_other_pages(),
            can_edit=self.actor.has_perm("followup.change_directive", directive),
            can_assign=self.actor.has_perm("followup.assign_task", directive),
        )
        return ctx


class DirectiveCreateView(ObjectEditView):
    object_permission = "followup.add_directive"
    form_class = DirectiveForm
    service = services.directive_create
    template_name = "followup/directive_form.html"
    success_message = gettext_lazy("Directive recorded. Now assign it to the bodies that carry it out.")

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        root = scope_root(self.actor)
        if root is not None:
            initial["issuer"] = root.pk
        conference = self.request.GET.get("conference")
        if conference and conference.isdigit():
            initial["conference"] = int(conference)
        return initial

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, DirectiveForm)
        return form.service_kwargs()


class DirectiveEditView(ObjectEditView):
    object_permission = "followup.change_directive"
    queryset = selectors.directive_detail()
    form_class = DirectiveForm
    service = services.directive_update
    template_name = "followup/directive_form.html"
    context_object_name = "directive"
    object_kwarg = "directive"
    success_message = gettext_lazy("Changes saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"directive": self.object}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, DirectiveForm)
        return form.service_kwargs() | {"directive": self.object}


class DirectiveAssignView(ObjectActionView):
    """Fan a directive out into tasks (one per body; bodies that have one already are left as they are)."""

    object_permission = "followup.assign_task"
    queryset = selectors.directive_detail()
    template_name = "followup/directive_assign.html"
    form_class = AssignForm
    service = services.tasks_assign
    context_object_name = "directive"
    object_kwarg = "directive"

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, AssignForm)
        return form.service_kwargs() | {"directive": self.object}

    def get_success_message(self, result: services.Assigned) -> str:
        created = len(result.created)
        message = ngettext("%(count)s task assigned.", "%(count)s tasks assigned.", created) % {
            "count": created
        }
        if result.existing:
            message += " " + ngettext(
                "%(count)s body had this task already.",
                "%(count)s bodies had this task already.",
                result.existing,
            ) % {"count": result.existing}
        return message


class TaskListView(ObjectListView):
    """Focal points: their body's tasks (and those of the bodies under it). National staff: all they see."""

    permission_required = "followup.view_task"
    queryset = selectors.task_list()
    filterset_class = TaskFilterSet
    table_class = TaskTable
    template_name = "followup/task_list.html"

    def get_queryset(self) -> QuerySet[Task]:
        tasks: QuerySet[Task]
        if getattr(self.actor, "role", None) in FOCAL_POINTS:
            tasks = selectors.own_tasks(user=self.actor)
        else:
            tasks = scoped(self.actor, selectors.task_list())
        return tasks.order_by("due_on", "body__name", "pk")


class OverdueListView(ObjectListView):
    """Every overdue task the reader sees, across bodies (the standing office and reviewers)."""

    permission_required = "followup.view_overdue"
    queryset = selectors.overdue_tasks()
    filterset_class = OverdueFilterSet
    table_class = TaskTable
    template_name = "followup/overdue_list.html"

    def get_queryset(self) -> QuerySet[Task]:
        return scoped(self.actor, selectors.overdue_tasks())


class TaskDetailView(ObjectView):
    object_permission = "followup.view_task"
    queryset = selectors.task_detail()
    template_name = "followup/task_detail.html"
    context_object_name = "task"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        task: Task = self.object
        can_update = self.actor.has_perm("followup.update_task", task)
        confirms = self.actor.has_perm("followup.confirm_task", task)
        ctx.update(
            can_update=can_update,
            confirms=confirms,
            form=TaskUpdateForm(
                task=task, sections=selectors.evidence_sections(task), confirms=confirms, user=self.actor
            )
            if can_update
            else None,
            **selectors.evidence_links(task, user=self.actor),
        )
        return ctx


class TaskUpdateView(ObjectActionView):
    """A progress note (status, evidence) on a task; the form's page shows the errors of a refused note."""

    object_permission = "followup.update_task"
    queryset = selectors.task_detail()
    template_name = "followup/task_update.html"
    form_class = TaskUpdateForm
    service = services.task_update
    context_object_name = "task"
    object_kwarg = "task"
    success_message = gettext_lazy("Progress recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        task = cast(Task, self.object)
        return {
            "task": task,
            "sections": selectors.evidence_sections(task),
            "confirms": self.actor.has_perm("followup.confirm_task", task),
            "user": self.actor,
        }

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, TaskUpdateForm)
        return form.service_kwargs() | {"task": self.object}

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url())


class EvidenceDownloadView(ObjectView):
    """An uploaded evidence file, for whoever sees its task."""

    object_permission = "followup.view_taskevidence"
    pk_url_kwarg = "evidence_pk"

    def get_queryset(self) -> QuerySet[Any]:
        task = get_scoped_or_404(self.request.user, Task.objects.all(), pk=self.kwargs["pk"])
        return (
            TaskEvidence.objects.select_related("update__task__body", "update__task__directive__issuer")
            .filter(update__task=task)
            .exclude(file="")
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        evidence = cast(TaskEvidence, self.object)
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("This file is no longer stored.")) from None
        content_type = CONTENT_TYPES.get(evidence.file_kind, "application/octet-stream")
        return FileResponse(
            handle, as_attachment=True, filename=evidence.original_name, content_type=content_type
        )


# The kinds of directive ---------------------------------------------------------------------------------


class DirectiveKindListView(ObjectListView):
    permission_required = "followup.change_directivekind"
    queryset = DirectiveKind.objects.order_by("order", "name")
    filterset_class = DirectiveKindFilterSet
    table_class = DirectiveKindTable
    template_name = "followup/kind_list.html"


class DirectiveKindCreateView(ObjectEditView):
    object_permission = "followup.change_directivekind"
    form_class = DirectiveKindForm
    service = services.directive_kind_create
    template_name = "followup/kind_form.html"
    success_message = gettext_lazy("Kind of directive added.")

    def get_success_url(self) -> str:
        return reverse("followup:kind_list")


class DirectiveKindEditView(ObjectEditView):
    object_permission = "followup.change_directivekind"
    queryset = DirectiveKind.objects.all()
    form_class = DirectiveKindForm
    service = services.directive_kind_update
    template_name = "followup/kind_form.html"
    context_object_name = "directive_kind"
    object_kwarg = "directive_kind"
    success_message = gettext_lazy("Changes saved.")

    def get_success_url(self) -> str:
        return reverse("followup:kind_list")
