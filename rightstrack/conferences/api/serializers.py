"""Conferences as the API reads and writes them. Every id given is looked up within the caller's scope
(``ScopedPrimaryKeyRelatedField``: an id outside it is "not found", like a missing one)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rightstrack.bodies.models import Body, Membership
from rightstrack.conferences.choices import ConferenceKind, MediaLanguage
from rightstrack.conferences.models import (
    Conference,
    ConferenceDocument,
    ConferenceMediaLink,
    ConferencePresentation,
)
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.places.models import AdministrativeUnit, Region
from rightstrack.reporting.api.serializers import BodyRefSerializer
from rightstrack.reporting.models import Report, ReportingCycle


class PlaceSerializer(serializers.ModelSerializer):
    today = serializers.SerializerMethodField(
        help_text="The units the place is part of today, if it has merged."
    )

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "name", "name_en", "valid_to", "today"]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_today(self, unit: AdministrativeUnit) -> list[dict[str, Any]]:
        if unit.is_current():
            return []
        return [{"id": u.pk, "code": u.code, "name": u.name} for u in unit.current_successors()]


class ChairSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.full_name", read_only=True)
    person_title = serializers.CharField(source="person.title", read_only=True)
    position_label = serializers.CharField(source="get_position_display", read_only=True)
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "person", "person_title", "position", "position_label", "body", "start_on", "end_on"]


class PresentationSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    report: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ConferencePresentation
        fields = ["body", "report", "order"]


class ConferenceDocumentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ConferenceDocument
        fields = ["id", "title", "original_name", "kind", "size", "uploaded_at", "download_url"]

    def get_download_url(self, document: ConferenceDocument) -> str:
        return reverse("conferences:document", args=[document.conference_id, document.pk])


class MediaLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConferenceMediaLink
        fields = ["id", "url", "title", "outlet", "language", "published_on"]


class ConferenceSerializer(serializers.ModelSerializer):
    organiser = BodyRefSerializer(read_only=True)
    place: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    cycle: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    participant_count = serializers.IntegerField(read_only=True)
    presenter_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Conference
        fields = [
            "id",
            "kind",
            "title",
            "title_en",
            "date",
            "start_time",
            "end_time",
            "place",
            "organiser",
            "cycle",
            "participant_count",
            "presenter_count",
        ]


class ConferenceDetailSerializer(serializers.ModelSerializer):
    organiser = BodyRefSerializer(read_only=True)
    place = PlaceSerializer(read_only=True)
    chair = ChairSerializer(read_only=True)
    cycle: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    region: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    participants = serializers.SerializerMethodField()
    presentations = PresentationSerializer(many=True, read_only=True)
    documents = ConferenceDocumentSerializer(many=True, read_only=True)
    media_links = MediaLinkSerializer(many=True, read_only=True)

    class Meta:
        model = Conference
        fields = [
            "id",
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
            "participants_mode",
            "region",
            "participants_on",
            "participants",
            "attendee_count",
            "presentations",
            "agenda",
            "minutes",
            "documents",
            "media_links",
        ]

    @extend_schema_field(BodyRefSerializer(many=True))
    def get_participants(self, conference: Conference) -> Any:
        return BodyRefSerializer([p.body for p in conference.participants.all()], many=True).data


class PresenterInputSerializer(serializers.Serializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    report = ScopedPrimaryKeyRelatedField(
        queryset=Report.objects.all(),
        required=False,
        allow_null=True,
        help_text="Its report of the cycle reviewed; left out, that report is found.",
    )
    order = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=1000,
        help_text="Its place in the order of presentation (1 first); left out, the presenters without one "
        "follow those with one, in the order listed.",
    )


class ConferenceWriteSerializer(serializers.Serializer):
    """A conference's fields; participants chosen one way (``participants``, ``region``, ``all_provincial``
    or ``from_cycle``), and the presenting bodies (each a participant) with their reports."""

    kind = serializers.ChoiceField(choices=ConferenceKind.choices)
    title = serializers.CharField(max_length=500)
    title_en = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    date = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    place = ScopedPrimaryKeyRelatedField(
        queryset=AdministrativeUnit.objects.all(), required=False, allow_null=True, default=None
    )
    venue = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    organiser = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    chair = ScopedPrimaryKeyRelatedField(
        queryset=Membership.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="A membership id: the person in the position they held on the date.",
    )
    cycle = ScopedPrimaryKeyRelatedField(
        queryset=ReportingCycle.objects.all(), required=False, allow_null=True, default=None
    )
    attendee_count = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    agenda = serializers.CharField(required=False, allow_blank=True, default="")
    minutes = serializers.CharField(required=False, allow_blank=True, default="")
    participants = ScopedPrimaryKeyRelatedField(
        queryset=Body.objects.all(), many=True, required=False, help_text="Body ids."
    )
    region = ScopedPrimaryKeyRelatedField(queryset=Region.objects.all(), required=False, allow_null=True)
    participants_on = serializers.DateField(required=False, allow_null=True)
    all_provincial = serializers.BooleanField(required=False, default=False)
    from_cycle = serializers.BooleanField(required=False, default=False)
    presenters = PresenterInputSerializer(many=True, required=False)


class ConferenceDocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class MediaLinkInputSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=1000)
    title = serializers.CharField(max_length=500)
    outlet = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=MediaLanguage.choices, default=MediaLanguage.VI)
    published_on = serializers.DateField(required=False, allow_null=True, default=None)
