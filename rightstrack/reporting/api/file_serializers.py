"""The reporting API's serializers for files: a Word file in (its import and plan), an official file out."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from rightstrack.bodies.models import Membership
from rightstrack.core.api import ScopedPrimaryKeyRelatedField
from rightstrack.exchange import import_plan


class ImportDocxSerializer(serializers.Serializer):
    """A Word file to preview (apply=false) or import (apply=true, with the version read and any moves)."""

    file = serializers.FileField(help_text="The report as a Word document (.docx).")
    apply = serializers.BooleanField(
        required=False, default=False, help_text="false: return the plan only; true: save it."
    )
    expected_version = serializers.IntegerField(
        min_value=1, required=False, help_text="Required with apply=true: the version the writer read."
    )
    moves = serializers.JSONField(
        required=False,
        binary=True,
        help_text='JSON object: part id → section key or "unplaced", e.g. {"part-6": "lessons"}.',
    )

    def validate_moves(self, value: Any) -> dict[str, str]:
        if value in (None, ""):
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise serializers.ValidationError(
                _("Give the moves as a JSON object from part id to section key.")
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("apply") and attrs.get("expected_version") is None:
            raise serializers.ValidationError(
                {"expected_version": _("Give the version of the report you read before importing.")}
            )
        return attrs


class ImportPartSerializer(serializers.Serializer):
    id = serializers.CharField()
    target = serializers.CharField(
        help_text='Section key, "unplaced", or "letter" (the letter\'s furniture: kept out of the report).'
    )
    suggested = serializers.CharField(help_text="Where the matcher put it.")
    heading = serializers.CharField(help_text="The document's heading ('' before the first heading).")
    kind = serializers.ChoiceField(
        choices=["content", "letter", "note"],
        help_text="content; letter: national header, number, recipients, signature; "
        "note: a pointer written for a section a combined heading names.",
    )
    html = serializers.CharField()
    text = serializers.CharField()


class HeadingMatchSerializer(serializers.Serializer):
    part_id = serializers.CharField()
    text = serializers.CharField()
    level = serializers.IntegerField()
    section_key = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    how = serializers.ChoiceField(choices=["exact", "fuzzy", "none"])
    also = serializers.ListField(
        child=serializers.CharField(), help_text="A combined heading: the other sections it names."
    )


class ImportPlanSerializer(serializers.Serializer):
    parts = ImportPartSerializer(many=True)
    matches = HeadingMatchSerializer(many=True)
    sections = serializers.DictField(
        source="assignments", child=serializers.CharField(), help_text="Section key → HTML to be saved."
    )
    unplaced = serializers.CharField(source="unplaced_html", help_text="Text that matched no section.")
    unplaced_parts = serializers.SerializerMethodField()
    letter = serializers.CharField(
        source="letter_html",
        help_text="The letter's furniture (national header, number, place and date, recipients, signature): "
        "kept with the document, saved in no section.",
    )

    def get_unplaced_parts(self, plan: import_plan.ImportPlan) -> int:
        return sum(1 for part in plan.parts if part.target == import_plan.UNPLACED and part.html)


class OfficialExportSerializer(serializers.Serializer):
    """The heading and closing of the official document (Decree 30/2020/NĐ-CP); a field left out takes the
    body's remembered letterhead (or what the data suggests), today's date and the cycle's name."""

    parent_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    issuing_name = serializers.CharField(max_length=255, required=False)
    number = serializers.CharField(
        max_length=16, required=False, allow_blank=True, help_text="Blank: room to write it by hand."
    )
    symbol = serializers.CharField(max_length=64, required=False, allow_blank=True, help_text="e.g. BC-BCĐ")
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    date = serializers.DateField(required=False)
    summary = serializers.CharField(max_length=500, required=False, allow_blank=True)
    recipients = serializers.ListField(
        child=serializers.CharField(max_length=255),
        required=False,
        max_length=50,
        help_text='One entry per recipient; "- Lưu: VT." is added at the end.',
    )
    signer = ScopedPrimaryKeyRelatedField(
        queryset=Membership.objects.select_related("person", "body__unit"),
        required=False,
        allow_null=True,
        help_text="A membership (seat) of the report's body; blank signer lines are taken from it.",
    )
    signer_authority = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_position = serializers.CharField(max_length=255, required=False, allow_blank=True)
    signer_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
