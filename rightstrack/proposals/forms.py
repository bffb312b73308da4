"""The proposal form, the answer form and the merge form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.collation import vi_order
from rightstrack.core.forms import (
    DateInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelMultipleChoiceField,
)
from rightstrack.core.scope import scoped
from rightstrack.laws.models import LegalDocument
from rightstrack.proposals.choices import ProposalKind, ProposalStatus
from rightstrack.proposals.models import Proposal
from rightstrack.proposals.services import Source
from rightstrack.reporting.models import ReportSection

PROPOSING_KINDS = (
    BodyKind.PROVINCIAL_COMMITTEE,
    BodyKind.MINISTRY,
    BodyKind.NATIONAL_COMMITTEE,
    BodyKind.STANDING_OFFICE,
)


class NameField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", obj))


class SectionField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.report.body.name} — {obj.report.cycle.display_name}: {obj.section}"


class ConferenceField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class DocumentsField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ProposalForm(ScopedForm):
    body = NameField(
        label=_("Proposing body"),
        queryset=Body.objects.filter(kind__in=PROPOSING_KINDS, dissolved_on__isnull=True).order_by(
            vi_order("name")
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ProposalKind.choices)
    topic = forms.CharField(label=_("Topic"), max_length=255)
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    authority = forms.CharField(
        label=_("Addressed to"), max_length=255, help_text=_("E.g. the Government, the Ministry of Justice.")
    )
    submitted_on = forms.DateField(label=_("Submitted on"), required=False, widget=DateInput)
    documents = DocumentsField(
        label=_("Laws and policies concerned"),
        queryset=LegalDocument.objects.order_by("-issued_on", "title"),
        required=False,
    )
    section = SectionField(
        label=_("From a report's section"),
        queryset=ReportSection.objects.filter(section__key="proposals")
        .exclude(html="")
        .select_related("report", "report__body", "report__cycle", "section")
        .order_by("-report__cycle__period_end", "report__body__name"),
        required=False,
        help_text=_("The report passage the proposal comes from (its proposals section)."),
    )
    conference = ConferenceField(
        label=_("From a conference"), queryset=Conference.objects.order_by("-date"), required=False
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # the proposing body and the sources are set once
            for name in ("body", "section", "conference"):
                del self.fields[name]
            return
        # A proposal taken from a past report keeps that report's body, even if it has since been merged.
        chosen = self.data.get("body") if self.is_bound else self.initial.get("body")
        if chosen and str(chosen).isdigit():
            field = cast(NameField, self.fields["body"])
            offered = Q(pk__in=field.queryset.values("pk")) | Q(pk=int(chosen))  # type: ignore[union-attr]
            field.queryset = scoped(self.user, Body.objects.filter(offered).order_by(vi_order("name")))

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        section, conference = data.pop("section", None), data.pop("conference", None)
        if "body" in data:
            sources = []
            if section is not None:
                sources.append(Source(section=section))
            if conference is not None:
                sources.append(Source(conference=conference))
            data["sources"] = sources
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProposalStatus.choices)
    on = forms.DateField(label=_("On"), required=False, widget=DateInput)
    response = forms.CharField(
        label=_("The authority's response"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(ScopedForm):
    proposals = ScopedModelMultipleChoiceField(
        label=_("Proposals to merge into this one"), queryset=Proposal.objects.none()
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.topic} — {p.body.name}"  # type: ignore[attr-defined]


class PickForm(forms.Form):
    group = forms.IntegerField(min_value=0)
