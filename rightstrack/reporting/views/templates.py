"""Report templates: the list, a template's page, and revising it into a new version."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from rightstrack.core.scope import scoped
from rightstrack.core.views.errors import add_form_errors
from rightstrack.core.views.generic import ObjectActionView, ObjectListView, ObjectView
from rightstrack.reporting import selectors, services
from rightstrack.reporting.filters import ReportTemplateFilterSet
from rightstrack.reporting.forms.templates import (
    IndicatorFormSetClass,
    SectionFormSetClass,
    TemplateNameForm,
    indicator_initial,
    section_initial,
)
from rightstrack.reporting.models import ReportTemplate
from rightstrack.reporting.specs import specs_of
from rightstrack.reporting.tables import ReportTemplateTable


class TemplateListView(ObjectListView):
    permission_required = "reporting.view_reporttemplate"
    queryset = ReportTemplate.objects.all()  # counted over the reader's scope in get_queryset
    filterset_class = ReportTemplateFilterSet
    table_class = ReportTemplateTable
    template_name = "reporting/cycles/template_list.html"

    def get_queryset(self) -> QuerySet[ReportTemplate]:
        return scoped(self.request.user, selectors.template_list(user=self.request.user))


class TemplateDetailView(ObjectView):
    permission_required = "reporting.view_reporttemplate"
    queryset = selectors.template_detail()
    template_name = "reporting/cycles/template_detail.html"
    context_object_name = "template"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        template: ReportTemplate = self.object
        versions = list(
            scoped(self.actor, ReportTemplate.objects.filter(family=template.family))
            .select_related("created_by")
            .annotate(
                report_count=selectors.visible_report_count(self.actor),  # a province: its own
                cycle_count=Count("cycles", distinct=True),  # cycles are visible to everyone
            )
            .order_by("-version")
        )
        ctx.update(
            versions=versions,
            current=next((v for v in versions if v.is_current), None),
            this_version=next((v for v in versions if v.pk == template.pk), None),
            can_revise=self.actor.has_perm("reporting.change_reporttemplate", template),
        )
        return ctx


class TemplateReviseView(ObjectActionView):
    """Edit a template's outline; saving writes version N+1 (``template_revise``), earlier versions stay."""

    object_permission = "reporting.change_reporttemplate"
    queryset = selectors.template_detail()
    template_name = "reporting/cycles/template_revise.html"
    context_object_name = "template"
    service = services.template_revise

    @property
    def template(self) -> ReportTemplate:
        return cast(ReportTemplate, self.object)

    def check_object(self) -> None:
        super().check_object()
        self.old_sections, self.old_indicators = specs_of(self.template)

    def _parent_choices(self) -> list[tuple[str, str]]:
        return [(s.key, s.title) for s in self.old_sections if s.parent is None]

    def _forms(self, data: QueryDict | None = None) -> tuple[TemplateNameForm, Any, Any]:
        name_form = TemplateNameForm(
            data, initial={"name": self.template.name, "name_en": self.template.name_en}
        )
        sections = SectionFormSetClass(
            data,
            prefix="sections",
            initial=section_initial(self.old_sections),
            parent_choices=self._parent_choices(),
        )
        indicators = IndicatorFormSetClass(
            data, prefix="indicators", initial=indicator_initial(self.old_indicators)
        )
        return name_form, sections, indicators

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        if "name_form" not in ctx:
            ctx["name_form"], ctx["sections"], ctx["indicators"] = self._forms()
        usage = ReportTemplate.objects.filter(pk=self.template.pk).aggregate(
            reports=Count("reports", distinct=True), cycles=Count("cycles", distinct=True)
        )
        latest = ReportTemplate.objects.filter(family=self.template.family).order_by("-version").first()
        ctx.update(
            template=self.template,
            report_count=usage["reports"],
            cycle_count=usage["cycles"],
            next_version=(latest.version if latest else self.template.version) + 1,
            latest=latest,
        )
        return ctx

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name_form, sections, indicators = self._forms(request.POST)
        context = {"name_form": name_form, "sections": sections, "indicators": indicators}
        if not all([name_form.is_valid(), sections.is_valid(), indicators.is_valid()]):
            return self.render_to_response(self.get_context_data(**context))
        new_sections, new_indicators = sections.specs(), indicators.specs()
        name, name_en = name_form.cleaned_data["name"], name_form.cleaned_data["name_en"]
        unchanged = (
            name == self.template.name
            and name_en == self.template.name_en
            and new_sections == self.old_sections
            and new_indicators == self.old_indicators
        )
        if unchanged:
            name_form.add_error(None, _("Nothing was changed, so no new version was written."))
            return self.render_to_response(self.get_context_data(**context))
        try:
            revised = self.call_service(
                template=self.template,
                name=name,
                name_en=name_en,
                sections=new_sections,
                indicators=new_indicators,
            )
        except ValidationError as exc:
            add_form_errors(name_form, exc)
            return self.render_to_response(self.get_context_data(**context))
        messages.success(
            request,
            _("Version %(version)s is now the current version. Reports already written keep their version.")
            % {"version": revised.version},
        )
        return redirect("reporting:template_detail", revised.pk)
