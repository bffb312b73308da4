"""The form that makes a pack: the cycle, which of its bodies, and who presents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.collation import vi_order
from rightstrack.core.forms import ScopedForm, ScopedModelChoiceField, ScopedModelMultipleChoiceField
from rightstrack.packs.choices import Selection
from rightstrack.places.selectors import region_choices
from rightstrack.reporting.models import ReportingCycle


class PackForm(ScopedForm):
    conference = ScopedModelChoiceField(
        label=_("Conference"),
        queryset=Conference.objects.filter(cycle__isnull=False).order_by("-date", "-pk"),
        required=False,
        help_text=_(
            "A conference's pack covers the cycle it reviews, its participants and, first, its presenters."
        ),
    )
    cycle = ScopedModelChoiceField(
        label=_("Reporting cycle"),
        queryset=ReportingCycle.objects.order_by("-period_end"),
        required=False,
        help_text=_("Without a conference: the cycle whose reports the pack consolidates."),
    )
    selection = forms.ChoiceField(
        label=_("Bodies"),
        choices=[c for c in Selection.choices if c[0] != Selection.CONFERENCE],
        initial=Selection.ALL,
    )
    region = ScopedModelChoiceField(
        label=_("Region"),
        queryset=region_choices(),
        required=False,
        help_text=_(
            "With “the participants in a region”: the provinces in the region on the cycle's last day."
        ),
    )
    bodies = ScopedModelMultipleChoiceField(
        label=_("Bodies in the list"),
        queryset=Body.objects.filter(reporting_cycles__isnull=False).distinct().order_by(vi_order("name")),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("With “a list of bodies”."),
    )
    presenting = ScopedModelMultipleChoiceField(
        label=_("Presenting bodies"),
        queryset=Body.objects.filter(reporting_cycles__isnull=False).distinct().order_by(vi_order("name")),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Put first in the pack and marked; each must be one of the bodies covered."),
    )
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    title_en = forms.CharField(label=_("English title"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conference") is not None:
            data["selection"] = Selection.CONFERENCE
            return data
        if not data.get("cycle") and "cycle" not in self.errors:
            self.add_error("cycle", _("Choose a conference or a reporting cycle."))
        if data.get("selection") == Selection.LIST and not data.get("bodies"):
            self.add_error("bodies", _("Choose the bodies in the list."))
        if data.get("selection") == Selection.REGION and not data.get("region"):
            self.add_error("region", _("Choose the region."))
        return data
