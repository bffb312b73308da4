"""Proposal pages, declared on the generic views: each write one service call."""

from __future__ import annotations

from typing import Any, cast

from django.forms import BaseForm
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy

from rightstrack.core.scope import get_scoped_or_404, scoped
from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from rightstrack.exchange.html import html_to_text
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.proposals import selectors, services
from rightstrack.proposals.choices import TRANSITIONS, ProposalStatus
from rightstrack.proposals.filters import ProposalFilterSet
from rightstrack.proposals.forms import MergeForm, PickForm, ProposalForm, StatusForm
from rightstrack.proposals.models import Proposal
from rightstrack.proposals.tables import ProposalTable
from rightstrack.reporting.models import Report, ReportSection


class ProposalListView(ObjectListView):
    permission_required = "proposals.view_proposal"
    queryset = selectors.proposal_list().order_by("-submitted_on", "-pk")
    filterset_class = ProposalFilterSet
    table_class = ProposalTable
    template_name = "proposals/proposal_list.html"


class ProposalDetailView(ObjectView):
    object_permission = "proposals.view_proposal"
    queryset = selectors.proposal_detail()
    template_name = "proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        proposal: Proposal = self.object
        sources = list(proposal.sources.all())
        report_ids = {s.section.report_id for s in sources if s.section is not None}
        can_answer = self.actor.has_perm("proposals.respond_proposal", proposal)
        can_merge = (
            self.actor.has_perm("proposals.merge_proposal", proposal) and proposal.merged_into_id is None
        )
        ctx.update(
            sources=sources,
            visible_report_ids=set(
                scoped(self.actor, Report.objects.filter(pk__in=report_ids)).values_list("pk", flat=True)
            ),
            can_edit=self.actor.has_perm("proposals.change_proposal", proposal),
            can_delete=proposal.status == ProposalStatus.SUBMITTED
            and proposal.merged_into_id is None
            and not proposal.merged.all()  # prefetched
            and self.actor.has_perm("proposals.delete_proposal", proposal),
            status_form=StatusForm()
            if can_answer and TRANSITIONS[proposal.status] and not proposal.merged_into_id
            else None,
            merge_form=MergeForm(
                user=self.actor, candidates=selectors.merge_candidates(user=self.actor, target=proposal)
            )
            if can_merge
            else None,
            can_unmerge=proposal.merged_into_id is not None
            and self.actor.has_perm("proposals.merge_proposal", proposal),
        )
        return ctx


class ProposalDeleteView(ObjectDeleteView):
    object_permission = "proposals.delete_proposal"
    queryset = Proposal.objects.select_related("body")
    template_name = "proposals/proposal_delete.html"
    context_object_name = "proposal"
    object_kwarg = "proposal"
    service = services.proposal_delete
    success_url = reverse_lazy("proposals:proposal_list")  # type: ignore[assignment]
    success_message = gettext_lazy("Proposal deleted.")

    def get_failure_url(self) -> str:
        return str(self.object.get_absolute_url())


class ProposalCreateView(ObjectEditView):
    """A new proposal; ``?section=ID`` (or ``?report=ID&key=proposals``, the report page's button) starts it
    from a report's section: its text, its body, the section as the source."""

    object_permission = "proposals.add_proposal"
    form_class = ProposalForm
    service = services.proposal_create
    template_name = "proposals/proposal_form.html"
    success_message = gettext_lazy("Proposal recorded.")

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"kind": "other", "body": getattr(self.actor, "body_id", None)}
        section_id, report_id = self.request.GET.get("section", ""), self.request.GET.get("report", "")
        sections = ReportSection.objects.select_related("report", "report__body")
        section = None
        if section_id.isdigit():
            section = get_scoped_or_404(self.actor, sections, pk=int(section_id))
        elif report_id.isdigit():  # the report page's button: the report and the section's key
            key = self.request.GET.get("key", "proposals")
            section = get_scoped_or_404(self.actor, sections, report_id=int(report_id), section__key=key)
        if section is not None:
            text = html_to_text(section.html)
            initial.update(section=section.pk, body=section.report.body_id, text=text, topic=text[:120])
        return initial

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        return cast(ProposalForm, form).service_kwargs()


class ProposalEditView(ObjectEditView):
    object_permission = "proposals.change_proposal"
    queryset = selectors.proposal_detail()
    form_class = ProposalForm
    service = services.proposal_update
    template_name = "proposals/proposal_form.html"
    context_object_name = "proposal"
    object_kwarg = "proposal"
    success_message = gettext_lazy("Changes saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"editing": True}

    def get_initial(self) -> dict[str, Any]:
        proposal = cast(Proposal, self.object)
        initial = {name: getattr(proposal, name) for name in services.PROPOSAL_FIELDS if name != "documents"}
        initial["documents"] = [d.pk for d in proposal.documents.all()]
        return initial

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        return cast(ProposalForm, form).service_kwargs() | {"proposal": self.object}


class ProposalStatusView(ObjectActionView):
    object_permission = "proposals.respond_proposal"
    queryset = Proposal.objects.select_related("body")
    http_method_names = ["post"]
    form_class = StatusForm
    service = services.proposal_status_change
    object_kwarg = "proposal"
    success_message = gettext_lazy("The answer is recorded.")

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url()) + "#status"


class ProposalMergeView(ObjectActionView):
    object_permission = "proposals.merge_proposal"
    queryset = Proposal.objects.select_related("body")
    http_method_names = ["post"]
    form_class = MergeForm
    service = services.proposal_merge
    object_kwarg = "target"
    success_message = gettext_lazy("Proposals merged: their passages are now listed here.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"candidates": selectors.merge_candidates(user=self.actor, target=self.object)}

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert form is not None
        return {"target": self.object, "proposals": list(form.cleaned_data["proposals"])}


class ProposalUnmergeView(ObjectActionView):
    object_permission = "proposals.merge_proposal"
    queryset = Proposal.objects.select_related("body", "merged_into")
    http_method_names = ["post"]
    service = services.proposal_unmerge
    object_kwarg = "proposal"
    success_message = gettext_lazy("The proposal is on its own again.")


class ProposalFromPackView(ObjectActionView):
    """POST from the pack's proposals part: one group becomes a proposal (or opens the one made before)."""

    object_permission = "packs.view_consolidatedpack"
    queryset = ConsolidatedPack.objects.select_related("organiser")
    http_method_names = ["post"]
    form_class = PickForm
    service = services.proposal_from_pack
    success_message = gettext_lazy("Proposal recorded from the pack: check its kind and the authority.")

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert form is not None
        return {"pack": self.object, "group": form.cleaned_data["group"]}

    def get_success_url(self) -> str:
        return (
            str(self.result.get_absolute_url()) if getattr(self, "result", None) else self.get_failure_url()
        )

    def get_failure_url(self) -> str:
        return reverse("packs:pack_detail", args=[self.object.pk]) + "#theme-proposals"
