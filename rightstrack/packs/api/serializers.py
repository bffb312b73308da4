"""The pack in the API: its definition, whether it is built and stale, and (on one pack) its content."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from rightstrack.bodies.models import Body
from rightstrack.conferences.models import Conference
from rightstrack.core.api.fields import ScopedPrimaryKeyRelatedField
from rightstrack.packs.choices import Selection
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.services import FORMATS, MAX_HEADING_CHARS
from rightstrack.places.models import Region
from rightstrack.reporting.models import ReportingCycle


class PackSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="pack-detail")
    is_built = serializers.BooleanField(read_only=True)

    class Meta:
        model = ConsolidatedPack
        fields = [
            "id",
            "url",
            "title",
            "title_en",
            "cycle",
            "conference",
            "organiser",
            "selection",
            "region",
            "bodies",
            "presenting",
            "is_built",
            "built_at",
            "content_hash",
            "created_at",
        ]
        read_only_fields = fields


class PackDetailSerializer(PackSerializer):
    stale = serializers.SerializerMethodField()
    content = serializers.JSONField(read_only=True)

    class Meta(PackSerializer.Meta):
        fields = [*PackSerializer.Meta.fields, "stale", "content"]
        read_only_fields = fields

    def get_stale(self, pack: ConsolidatedPack) -> bool:
        from rightstrack.packs.selectors import pack_is_stale

        return pack_is_stale(pack, user=self.context["request"].user)


class PackCreateSerializer(serializers.Serializer):
    conference = ScopedPrimaryKeyRelatedField(
        queryset=Conference.objects.all(), required=False, allow_null=True
    )
    cycle = ScopedPrimaryKeyRelatedField(
        queryset=ReportingCycle.objects.all(), required=False, allow_null=True
    )
    selection = serializers.ChoiceField(choices=Selection.choices, default=Selection.ALL)
    region = ScopedPrimaryKeyRelatedField(queryset=Region.objects.all(), required=False, allow_null=True)
    bodies = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), many=True, required=False)
    presenting = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all(), many=True, required=False)
    title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    title_en = serializers.CharField(max_length=255, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("conference") is None and attrs.get("cycle") is None:
            raise serializers.ValidationError({"cycle": _("Choose a conference or a reporting cycle.")})
        if attrs.get("selection") == Selection.LIST and not attrs.get("bodies"):
            raise serializers.ValidationError({"bodies": _("Choose the bodies in the list.")})
        return attrs


class PackBuildSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=FORMATS, default="docx")
    number = serializers.CharField(
        max_length=MAX_HEADING_CHARS,
        required=False,
        allow_blank=True,
        default="",
        help_text='The number in the heading ("Số: 12/BC-BCĐ"); blank: room for the registry to write it.',
    )
    place = serializers.CharField(
        max_length=MAX_HEADING_CHARS,
        required=False,
        allow_blank=True,
        default="",
        help_text="The place before the date; blank: the organiser's letterhead's.",
    )
    date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The document's date; left out: the day it is built.",
    )
