"""The pages of a recommendation in the bodies' hands: assignment (one recommendation or a cluster), the lead
body's measures and assessments (add, change, delete) and an assessment's evidence file; each write one
service call (decision 0053)."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectView,
)
from rightstrack.recommendations import selectors, services
from rightstrack.recommendations.forms import (
    AssessmentEditForm,
    AssessmentForm,
    AssignForm,
    MeasureForm,
)
from rightstrack.recommendations.models import Assessment, Cluster, Measure, Recommendation


class AssessmentFileView(ObjectView):
    """An assessment's evidence file, for whoever sees its recommendation (sent as an attachment, under
    the name it was uploaded with)."""

    object_permission = "recommendations.view_recommendation"
    queryset = Assessment.objects.select_related("recommendation__owner").exclude(evidence_file="")

    def get_permission_object(self) -> Any:
        return self.object.recommendation

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        from rightstrack.exchange.uploads import CONTENT_TYPES, EXTENSIONS

        assessment: Assessment = self.object
        extension = assessment.evidence_file_name.rsplit(".", 1)[-1].lower()
        kind = next((k for k, endings in EXTENSIONS.items() if extension in endings), None)
        try:
            handle = assessment.evidence_file.open("rb")
        except FileNotFoundError:
            raise Http404(gettext("This file is no longer stored.")) from None
        return FileResponse(
            handle,
            as_attachment=True,
            filename=assessment.evidence_file_name,
            content_type=CONTENT_TYPES.get(kind or "", "application/octet-stream"),
        )


class RecommendationPartMixin:
    """The pages that act on one recommendation: its title, what the button says, where Cancel goes, and the
    one form template they share (the delete pages name their own)."""

    template_name: str | None = "recommendations/part_form.html"
    title: Any = ""
    submit_label: Any = ""
    intro: Any = ""
    object: Any
    anchor = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        return context | {
            "title": self.title,
            "submit_label": self.submit_label,
            "intro": self.intro,
            "cancel_url": self.get_success_url(),
        }

    def get_success_url(self) -> str:
        recommendation = getattr(self.object, "recommendation", self.object)
        return f"{recommendation.get_absolute_url()}{self.anchor}"


class RecommendationAssignView(RecommendationPartMixin, ObjectActionView):
    """The lead body and the supporting bodies; replaces the present assignment."""

    object_permission = "recommendations.assign_recommendation"
    queryset = selectors.recommendation_detail()
    form_class = AssignForm
    service = services.recommendation_assign
    context_object_name = "recommendation"
    object_kwarg = "recommendation"
    title = gettext_lazy("Assign the recommendation")
    submit_label = pgettext_lazy("UN recommendation", "Assign")
    success_message = gettext_lazy("Responsible bodies saved.")
    anchor = "#assigned-title"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"current": list(self.object.assignments.all())}


class ClusterAssignView(RecommendationPartMixin, ObjectActionView):
    """Every recommendation of a cluster that the user keeps, to the same lead and supporting bodies."""

    permission_required = "recommendations.assign_recommendation"
    queryset = Cluster.objects.all()
    form_class = AssignForm
    service = services.cluster_assign
    context_object_name = "cluster"
    object_kwarg = "cluster"
    title = gettext_lazy("Assign a cluster")
    submit_label = gettext_lazy("Assign every recommendation of the cluster")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"current": ()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from rightstrack.core.scope import scoped

        members = scoped(self.actor, Recommendation.objects.filter(clusters=self.object)).count()
        return super().get_context_data(**kwargs) | {"members": members}

    def get_success_message(self, result: services.ClusterAssigned) -> str:
        count = len(result.assigned)
        message = ngettext(
            "%(count)s recommendation assigned.", "%(count)s recommendations assigned.", count
        ) % {"count": count}
        if result.not_kept:
            message += " " + ngettext(
                "%(count)s is kept by another body and was left as it was.",
                "%(count)s are kept by other bodies and were left as they were.",
                result.not_kept,
            ) % {"count": result.not_kept}
        return message

    def get_success_url(self) -> str:
        return f"{reverse('recommendations:recommendation_list')}?cluster={self.object.pk}"


class MeasureCreateView(RecommendationPartMixin, ObjectActionView):
    """A measure the lead body plans: what, who, by when, budget, indicator."""

    object_permission = "recommendations.update_implementation"
    queryset = selectors.recommendation_detail()
    form_class = MeasureForm
    service = services.measure_add
    context_object_name = "recommendation"
    object_kwarg = "recommendation"
    title = gettext_lazy("Plan a measure")
    submit_label = gettext_lazy("Save the measure")
    success_message = gettext_lazy("Measure saved.")
    anchor = "#measures-title"

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, MeasureForm)
        return form.service_kwargs() | {"recommendation": self.object}


class MeasureEditView(RecommendationPartMixin, ObjectEditView):
    object_permission = "recommendations.change_measure"
    queryset = Measure.objects.select_related("recommendation", "body")
    form_class = MeasureForm
    service = services.measure_update
    object_kwarg = "measure"
    title = gettext_lazy("Change the measure")
    submit_label = gettext_lazy("Save the measure")
    success_message = gettext_lazy("Measure saved.")
    anchor = "#measures-title"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"recommendation": self.object.recommendation}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, MeasureForm)
        return form.service_kwargs() | {"measure": self.object}


class MeasureDeleteView(RecommendationPartMixin, ObjectDeleteView):
    object_permission = "recommendations.delete_measure"
    queryset = Measure.objects.select_related("recommendation")
    template_name = "recommendations/measure_delete.html"
    service = services.measure_delete
    context_object_name = "measure"
    object_kwarg = "measure"
    success_message = gettext_lazy("Measure deleted.")
    anchor = "#measures-title"


class AssessmentCreateView(RecommendationPartMixin, ObjectActionView):
    """How far the recommendation has got, on a day, with the evidence the user may cite."""

    object_permission = "recommendations.update_implementation"
    queryset = selectors.recommendation_detail()
    form_class = AssessmentForm
    service = services.assessment_add
    context_object_name = "recommendation"
    object_kwarg = "recommendation"
    title = gettext_lazy("Record an assessment")
    submit_label = gettext_lazy("Record the assessment")
    success_message = gettext_lazy("Assessment recorded.")
    intro = gettext_lazy(
        "Evidence: the tasks, activities and report sections of the bodies responsible for this "
        "recommendation, laws and policies of the register, kept documents, or a file."
    )
    anchor = "#assessments-title"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"choices": selectors.evidence_choices(self.object, user=self.actor)}

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert isinstance(form, AssessmentForm)
        return form.service_kwargs() | {"recommendation": self.object}


class AssessmentEditView(RecommendationPartMixin, ObjectEditView):
    """Change an assessment's status, date, note and evidence (its keeper, or the focal point of the body
    that recorded it). A published one changed by a body that does not publish leaves the portal."""

    object_permission = "recommendations.change_assessment"
    queryset = Assessment.objects.select_related("recommendation__owner", "body")
    form_class = AssessmentEditForm
    service = services.assessment_update
    object_kwarg = "assessment"
    title = gettext_lazy("Change the assessment")
    submit_label = gettext_lazy("Save the assessment")
    intro = AssessmentCreateView.intro
    anchor = "#assessments-title"

    def get_form_kwargs(self) -> dict[str, Any]:
        choices = selectors.evidence_choices(self.object.recommendation, user=self.actor, cited=self.object)
        return super().get_form_kwargs() | {"choices": choices, "assessment": self.object}

    def get_initial(self) -> dict[str, Any]:
        assessment = self.object
        return {
            "status": assessment.status,
            "assessed_on": assessment.assessed_on,
            "note": assessment.note,
            "sections": list(assessment.evidence_sections.all()),
            "tasks": list(assessment.evidence_tasks.all()),
            "activities": list(assessment.evidence_activities.all()),
            "legal_documents": list(assessment.evidence_legal_documents.all()),
            "documents": list(assessment.evidence_documents.all()),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"recommendation": self.object.recommendation}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, AssessmentEditForm)
        return form.service_kwargs() | {"assessment": self.object}

    def get_success_message(self, result: Assessment) -> str:
        if self.object.is_published and not result.is_published:
            return gettext(
                "Assessment saved. It is no longer shown on the public portal until the standing office "
                "publishes it again."
            )
        return gettext("Assessment saved.")


class AssessmentDeleteView(RecommendationPartMixin, ObjectDeleteView):
    object_permission = "recommendations.delete_assessment"
    queryset = Assessment.objects.select_related("recommendation__owner", "body")
    template_name = "recommendations/assessment_delete.html"
    service = services.assessment_delete
    context_object_name = "assessment"
    object_kwarg = "assessment"
    success_message = gettext_lazy("Assessment deleted.")
    anchor = "#assessments-title"
