"""The conference form (fields, participants, presenters) and the small forms of its page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.choices import ConferenceKind, MediaLanguage, ParticipantsMode
from rightstrack.conferences.filters import ORGANISER_KINDS
from rightstrack.conferences.models import MAX_ATTENDEES, Conference
from rightstrack.conferences.services import DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, Participants
from rightstrack.core.collation import vi_order
from rightstrack.core.forms import (
    DateInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelMultipleChoiceField,
    TimeInput,
)
from rightstrack.core.text import fold
from rightstrack.exchange.uploads import kind_label
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.selectors import region_choices
from rightstrack.reporting.models import ReportingCycle

PARTICIPANT_KINDS = (BodyKind.PROVINCIAL_COMMITTEE, BodyKind.MINISTRY)


class BodyField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class BodiesField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class UnitField(ScopedModelChoiceField):
    """Provinces, past and present: a historic unit reads "Bà Rịa - Vũng Tàu (until 30/06/2025)"."""


class ChairField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        until = obj.end_on.strftime("%d/%m/%Y") if obj.end_on else "…"
        return (
            f"{obj.person.full_name} — {obj.get_position_display()}, {obj.body.name} "
            f"({obj.start_on:%d/%m/%Y}–{until})"
        )


class CycleField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class RegionField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_en if (get_language() or "").startswith("en") and obj.name_en else obj.name)


def participant_bodies(include: QuerySet[Any] | None = None) -> QuerySet[Body]:
    """Provincial committees and ministries (scoped by the field), past ones included when ``include`` has
    them: a conference of 2024 keeps its committees since merged."""
    condition = Q(kind__in=PARTICIPANT_KINDS) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=timezone.localdate())
    )
    if include is not None:
        condition |= Q(pk__in=include)
    return Body.objects.filter(condition).select_related("unit").order_by(vi_order("name"))


class ConferenceForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConferenceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    title_en = forms.CharField(label=_("English title"), max_length=500, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    place = UnitField(
        label=_("Place"),
        queryset=AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by(
            vi_order("name"), "valid_from"
        ),
        required=False,
        help_text=_("The province as it was named on the day; one since merged is shown with its successor."),
    )
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    organiser = BodyField(label=_("Organising body"), queryset=Body.objects.filter(kind__in=ORGANISER_KINDS))
    chair = ChairField(
        label=_("Chair"),
        queryset=Membership.objects.filter(person__isnull=False)
        .exclude(position__in=("focal_point", "standing_agency"))
        .filter(body__kind__in=ORGANISER_KINDS)
        .select_related("person", "body")
        .order_by("body__path", "position", "-start_on"),
        required=False,
        help_text=_("A person in the position they held on the conference's date."),
    )
    cycle = CycleField(
        label=_("Cycle reviewed"), queryset=ReportingCycle.objects.order_by("-period_end"), required=False
    )
    attendee_count = forms.IntegerField(
        label=_("Number of participants (people)"), min_value=0, max_value=MAX_ATTENDEES, required=False
    )
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text; the signed minutes can be attached as a document."),
    )
    participants_mode = forms.ChoiceField(
        label=_("Participants"),
        choices=ParticipantsMode.choices,
        initial=ParticipantsMode.LIST,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    region = RegionField(label=_("Region"), queryset=region_choices(), required=False)
    participants_on = forms.DateField(
        label=_("As of"),
        widget=DateInput(),
        required=False,
        help_text=_("The committees that exist on this date (empty: the conference's date)."),
    )
    participants = BodiesField(
        label=_("Participating bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    presenters = BodiesField(
        label=_("Presenting bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Each presents its report of the cycle reviewed; every presenter must take part."),
    )
    presenter_order = forms.CharField(
        label=_("Order of presentation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The presenting bodies in the order they present, one a line; part of a name is enough (the "
            "province). Presenters left out follow in alphabetical order."
        ),
    )

    def __init__(self, *args: Any, user: Any, conference: Conference | None = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        include = conference.participants.values("body_id") if conference is not None else None
        for name in ("participants", "presenters"):
            field = self.fields[name]
            assert isinstance(field, BodiesField)
            field.queryset = participant_bodies(include)
            field.scope_to(user)
        self.conference = conference
        for name in ("title_en",):
            self.fields[name].widget.attrs["lang"] = "en"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("participants_mode")
        if mode == ParticipantsMode.REGION and not data.get("region"):
            self.add_error("region", _("Choose the region whose provincial committees take part."))
        if mode == ParticipantsMode.CYCLE and not data.get("cycle"):
            self.add_error("cycle", _("Choose the cycle reviewed to take its participants."))
        data["presenters"] = self._ordered_presenters(
            list(data.get("presenters") or ()), data.get("presenter_order") or ""
        )
        return data

    def _ordered_presenters(self, presenters: list[Body], order: str) -> list[Body]:
        """The checked presenters in the order written in ``presenter_order``, then the others as listed;
        a line that names no presenter, or more than one, is an error on the field."""
        ordered: list[Body] = []
        folded = [(fold(body.name, separators=True), body) for body in presenters]
        for line in order.splitlines():
            wanted = fold(line.strip(" \t-–•.;,0123456789)"), separators=True)
            if not wanted:
                continue
            exact = [body for name, body in folded if name == wanted]
            matches = exact or [body for name, body in folded if wanted in name]
            if len(matches) != 1:
                message = (
                    _("“%(line)s” names none of the presenting bodies you checked.")
                    if not matches
                    else _("“%(line)s” fits more than one presenting body: write more of the name.")
                )
                self.add_error("presenter_order", message % {"line": line.strip()})
                continue
            if matches[0] not in ordered:
                ordered.append(matches[0])
        return ordered + [body for body in presenters if body not in ordered]

    @property
    def main_fields(self) -> list[forms.BoundField]:
        names = ("kind", "title", "title_en", "date", "start_time", "end_time", "place", "venue")
        return [self[name] for name in names]

    @property
    def people_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("organiser", "chair", "cycle", "attendee_count")]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = (
            "kind",
            "title",
            "title_en",
            "date",
            "start_time",
            "end_time",
            "place",
            "venue",
            "organiser",
            "chair",
            "cycle",
            "attendee_count",
            "agenda",
            "minutes",
        )
        kwargs = {name: data.get(name) for name in names}
        for text in ("title_en", "venue", "agenda", "minutes"):
            kwargs[text] = kwargs[text] or ""
        mode = data["participants_mode"]
        on = data.get("participants_on")
        if mode == ParticipantsMode.REGION:
            choice = Participants(region=data["region"], on=on)
        elif mode == ParticipantsMode.ALL_PROVINCIAL:
            choice = Participants(all_provincial=True, on=on)
        elif mode == ParticipantsMode.CYCLE:
            choice = Participants(from_cycle=True)
        else:
            choice = Participants(bodies=list(data.get("participants") or ()))
        kwargs["participants"] = choice
        kwargs["presenters"] = list(data.get("presenters") or ())
        return kwargs


def document_help() -> str:
    kinds = ", ".join(str(kind_label(kind)) for kind in sorted(DOCUMENT_KINDS))
    return str(
        _("At most %(size)s. Accepted: %(kinds)s.")
        % {"size": filesizeformat(DOCUMENT_MAX_BYTES), "kinds": kinds}
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=255, required=False)
    file = forms.FileField(label=_("File"), allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = document_help()


class MediaLinkForm(forms.Form):
    url = forms.CharField(label=_("Address (URL)"), max_length=1000, widget=forms.URLInput())
    title = forms.CharField(label=_("Headline"), max_length=500)
    outlet = forms.CharField(label=_("Outlet"), max_length=255, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=MediaLanguage.choices)
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DateInput())
