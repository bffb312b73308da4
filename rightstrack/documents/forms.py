"""The documents' forms: upload one file, upload a ZIP of many, correct what a file stated, and confirm an
article's meeting facts into a conference (or choose the conference it covers)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.forms import (
    ORGANISER_KINDS,
    BodiesField,
    BodyField,
    ChairField,
    DateInput,
    UnitField,
    participant_bodies,
)
from rightstrack.conferences.models import MAX_ATTENDEES, Conference
from rightstrack.core.forms import ScopedForm, ScopedModelChoiceField
from rightstrack.documents.choices import DocumentKind, DocumentLanguage
from rightstrack.documents.services import MAX_ARCHIVE_BYTES, MAX_DOCUMENT_BYTES
from rightstrack.exchange.articles import KINDS
from rightstrack.exchange.uploads import kind_label
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit

KEEPING_KINDS = (
    BodyKind.NATIONAL_COMMITTEE,
    BodyKind.STANDING_OFFICE,
    BodyKind.PROVINCIAL_COMMITTEE,
    BodyKind.MINISTRY,
)


def keeping_bodies() -> QuerySet[Body]:
    return Body.objects.filter(kind__in=KEEPING_KINDS).order_by("path")


def file_help() -> str:
    kinds = ", ".join(str(kind_label(kind)) for kind in sorted(KINDS))
    return str(
        _("At most %(size)s. Accepted: %(kinds)s.")
        % {"size": filesizeformat(MAX_DOCUMENT_BYTES), "kinds": kinds}
    )


class DocumentUploadForm(ScopedForm):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    body = BodyField(label=_("Kept by"), queryset=keeping_bodies())
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.ARTICLE)
    title = forms.CharField(
        label=_("Title"), max_length=500, required=False, help_text=_("Empty: the title the file states.")
    )
    source_url = forms.CharField(
        label=_("Source address (URL)"),
        max_length=1000,
        required=False,
        widget=forms.URLInput(),
        help_text=_("Where the document was published. It is recorded, never opened."),
    )
    published_on = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the date the file states."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help()
        user_body = getattr(self.user, "body_id", None)
        if user_body and not self.is_bound:
            self.fields["body"].initial = user_body

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "uploaded_file": data["file"],
            "name": data["file"].name or "",
            "body": data["body"],
            "kind": data["kind"],
            "title": data.get("title") or "",
            "source_url": data.get("source_url") or "",
            "published_on": data.get("published_on"),
        }


class BulkUploadForm(ScopedForm):
    archive = forms.FileField(label=_("ZIP archive"), allow_empty_file=True)
    body = BodyField(label=_("Kept by"), queryset=keeping_bodies())
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.ARTICLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["archive"].help_text = str(
            _("A ZIP of PDF, Word, web pages and text files, at most %(size)s; each file is read on its own.")
            % {"size": filesizeformat(MAX_ARCHIVE_BYTES)}
        )
        user_body = getattr(self.user, "body_id", None)
        if user_body and not self.is_bound:
            self.fields["body"].initial = user_body


class DocumentEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    language = forms.ChoiceField(label=_("Language"), choices=DocumentLanguage.choices)
    published_on = forms.DateField(label=_("Published on"), required=False, widget=DateInput())
    source_url = forms.CharField(label=_("Source address (URL)"), max_length=1000, required=False,
                                 widget=forms.URLInput())  # fmt: skip


class ConferenceChoiceField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.date:%d/%m/%Y} — {obj.display_title}"


class ConfirmConferenceForm(ScopedForm):
    """The article's facts, prefilled, each field for a person to confirm or correct; or the conference the
    article covers (which wins when chosen)."""

    conference = ConferenceChoiceField(
        label=_("It covers this conference"),
        queryset=Conference.objects.order_by("-date", "-pk"),
        required=False,
        help_text=_(
            "Choose it to link the article to a conference already recorded; leave empty to record a new one."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("— Choose —")), *ConferenceKind.choices], required=False
    )
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    title_en = forms.CharField(label=_("English title"), max_length=500, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    place = UnitField(
        label=_("Place"),
        queryset=AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by(
            "name_ascii", "valid_from"
        ),
        required=False,
    )
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    organiser = BodyField(label=_("Organising body"), queryset=Body.objects.filter(kind__in=ORGANISER_KINDS),
                          required=False)  # fmt: skip
    chair = ChairField(
        label=_("Chair"),
        queryset=Membership.objects.filter(person__isnull=False, body__kind__in=ORGANISER_KINDS)
        .select_related("person", "body")
        .order_by("body__path", "position", "-start_on"),
        required=False,
        help_text=_("A person in the position they held on the conference's date."),
    )
    attendee_count = forms.IntegerField(
        label=_("Number of participants (people)"), min_value=0, max_value=MAX_ATTENDEES, required=False
    )
    presenters = BodiesField(
        label=_("Presenting bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["presenters"]
        assert isinstance(field, BodiesField)
        field.queryset = participant_bodies()
        field.scope_to(self.user)

    @property
    def new_fields(self) -> list[forms.BoundField]:
        names = (
            "kind",
            "title",
            "title_en",
            "date",
            "place",
            "venue",
            "organiser",
            "chair",
            "attendee_count",
        )
        return [self[name] for name in names]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data.get("conference") is not None:
            return {"conference": data["conference"]}
        date: datetime.date | None = data.get("date")
        return {
            "kind": data.get("kind") or "",
            "title": data.get("title") or "",
            "title_en": data.get("title_en") or "",
            "date": date,
            "place": data.get("place"),
            "venue": data.get("venue") or "",
            "organiser": data.get("organiser"),
            "chair": data.get("chair"),
            "attendee_count": data.get("attendee_count"),
            "presenters": list(data.get("presenters") or ()),
        }


class TakeStatementForm(forms.Form):
    """One sentence the article states, by its key (``followup.services.statement_key``)."""

    key = forms.CharField(max_length=64, widget=forms.HiddenInput())
