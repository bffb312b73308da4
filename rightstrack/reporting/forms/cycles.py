"""Forms for cycles and the cycle dashboard: plain forms whose data the services take."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.forms import DateInput
from rightstrack.bodies.models import Body
from rightstrack.core.collation import vi_order
from rightstrack.core.forms import ScopedModelMultipleChoiceField
from rightstrack.core.scope import scoped
from rightstrack.places.selectors import region_choices
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.content import localized
from rightstrack.reporting.filters import ReportContributedFilterSet
from rightstrack.reporting.models import (
    DEFAULT_REMINDER_DAYS,
    CycleParticipant,
    Report,
    ReportingCycle,
    ReportTemplate,
)

MAX_REMINDER_DAYS = 90


class EnglishInputsMixin:
    """Fields named ``*_en`` hold English text: say so to browsers and screen readers."""

    fields: dict[str, forms.Field]

    def mark_english(self) -> None:
        for name, field in self.fields.items():
            if name.endswith("_en"):
                field.widget.attrs["lang"] = "en"


class ParticipantsMode:
    """How a new cycle's participants are chosen (the service takes exactly one of these)."""

    ALL = "all"
    REGION = "region"
    LIST = "list"
    choices = [
        (ALL, _("All provincial committees that exist on a date")),
        (REGION, _("The provincial committees of a region, as of a date")),
        (LIST, _("A list of provincial committees")),
    ]


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return localized(obj.name, obj.name_en)


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)  # name and version


class CommitteeChoiceField(ScopedModelMultipleChoiceField):
    """Committees offered by ``committees_for`` (already in scope); one outside answers "not found"."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def committees_for(user: Any, *, include: QuerySet[CycleParticipant] | None = None) -> QuerySet[Body]:
    """Provincial committees in the user's scope that exist today (plus ``include``, e.g. current
    participants, so an existing choice never disappears from the list)."""
    today = timezone.localdate()
    condition = Q(kind=BodyKind.PROVINCIAL_COMMITTEE) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today)
    )
    if include is not None:
        condition |= Q(pk__in=include.values("body_id"))
    return scoped(user, Body.objects.filter(condition)).select_related("unit").order_by(vi_order("name"))


class CycleFieldsForm(EnglishInputsMixin, forms.Form):
    """What every cycle has: names, period, deadline, template and reminders."""

    name = forms.CharField(label=_("Name"), max_length=255)
    name_en = forms.CharField(label=_("English name"), max_length=255, required=False)
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), widget=DateInput())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    template = TemplateChoiceField(
        label=_("Template"),
        queryset=ReportTemplate.objects.none(),
        help_text=_("The current version of each template. A cycle keeps the version it was given."),
    )
    reminder_days_before = forms.IntegerField(
        label=_("Reminder, days before the deadline"),
        min_value=0,
        max_value=MAX_REMINDER_DAYS,
        initial=DEFAULT_REMINDER_DAYS,
        help_text=_(
            "Focal points who have not submitted are reminded (in the application and by e-mail) from this "
            "many days before the deadline, and again once it has passed."
        ),
    )

    def __init__(self, *args: Any, user: Any, cycle: ReportingCycle | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark_english()
        self.user = user
        templates = Q(is_current=True)
        if cycle is not None:
            templates |= Q(pk=cycle.template_id)
        self.fields["template"].queryset = ReportTemplate.objects.filter(templates).order_by(  # type: ignore[attr-defined]
            "name", "-version"
        )

    @property
    def cycle_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "name_en", "period_start", "period_end", "deadline")]

    @property
    def setting_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("template", "reminder_days_before")]


class CycleCreateForm(CycleFieldsForm):
    participants_mode = forms.ChoiceField(
        label=_("Participants"),
        choices=ParticipantsMode.choices,
        initial=ParticipantsMode.ALL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    region = RegionChoiceField(label=_("Region"), queryset=region_choices(), required=False)
    region_on = forms.DateField(
        label=_("As of"),
        widget=DateInput(),
        required=False,
        help_text=_("The committees that exist on this date (empty: today)."),
    )
    bodies = CommitteeChoiceField(
        label=_("Provincial committees"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["bodies"].queryset = committees_for(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("participants_mode")
        if mode == ParticipantsMode.REGION and not data.get("region"):
            self.add_error("region", _("Choose the region whose provincial committees take part."))
        if mode == ParticipantsMode.LIST and not data.get("bodies"):
            self.add_error("bodies", _("Choose at least one provincial committee."))
        return data

    def service_participants(self) -> dict[str, Any]:
        """The participant arguments of ``cycle_create`` for the chosen way."""
        data = self.cleaned_data
        mode = data["participants_mode"]
        if mode == ParticipantsMode.ALL:
            return {"all_provincial": True, "region_on": data.get("region_on")}
        if mode == ParticipantsMode.REGION:
            return {"region": data["region"], "region_on": data.get("region_on")}
        return {"participants": list(data["bodies"])}


class CycleEditForm(CycleFieldsForm):
    """Editing a cycle: participants are a list; before opening they can be removed, afterwards only added."""

    bodies = CommitteeChoiceField(
        label=_("Provincial committees"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, user: Any, cycle: ReportingCycle, **kwargs: Any) -> None:
        super().__init__(*args, user=user, cycle=cycle, **kwargs)
        self.cycle = cycle
        self.planned = cycle.status == CycleStatus.PLANNED
        participants = cycle.participants.all()
        field = self.fields["bodies"]
        if self.planned:
            field.queryset = committees_for(user, include=participants)  # type: ignore[attr-defined]
            field.help_text = _("Untick a committee to take it out of the cycle; tick one to add it.")
        else:
            field.label = _("Add provincial committees")
            field.queryset = committees_for(user).exclude(  # type: ignore[attr-defined]
                pk__in=participants.values("body_id")
            )
            field.help_text = _(
                "The cycle is open: a committee added now gets its draft report at once. "
                "Participants cannot be removed once the cycle has opened."
            )
            self.fields["template"].disabled = True
            self.fields["template"].help_text = _(
                "The template cannot change once the cycle has opened: reports already use it."
            )


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, passed to ``selectors.cycle_dashboard``; after its own, those other apps
    add to the reports' lists (tagging's tag: ``ReportContributedFilterSet``), each filtering the reports."""

    LATE_CHOICES = [("", _("All")), ("yes", _("Late")), ("no", _("Not late"))]

    region = RegionChoiceField(
        label=_("Region"),
        queryset=region_choices(),
        required=False,
        empty_label=_("All regions"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ReportStatus.choices], required=False
    )
    late = forms.ChoiceField(label=_("Timeliness"), choices=LATE_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contributed = ReportContributedFilterSet(
            self.data if self.is_bound else None, queryset=Report.objects.none()
        )
        # The same fields, so that this form validates and shows them; the FilterSet filters with them.
        self.fields.update(self.contributed.form.fields)

    def selector_kwargs(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        late = {"yes": True, "no": False}.get(data.get("late") or "")
        return {
            "region": data.get("region"),
            "status": data.get("status") or None,
            "late": late,
            "reports_filter": self.contributed.reports_filter(),
        }
