"""The forms of directives and tasks: the directive, the fan-out, a progress note, a kind of directive."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.bodies.selectors import without_dissolved
from rightstrack.conferences.models import Conference
from rightstrack.core.forms import (
    DateInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelMultipleChoiceField,
    SearchableSelect,
)
from rightstrack.core.scope import scoped
from rightstrack.exchange.uploads import kind_label
from rightstrack.followup.choices import ISSUER_KINDS, TargetMode, TaskStatus
from rightstrack.followup.models import Directive, DirectiveKind, Task
from rightstrack.followup.selectors import evidence_activities, evidence_documents, evidence_legal_documents
from rightstrack.followup.services import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES, Evidence, Target

COMMUNE_KINDS = (BodyKind.PEOPLES_COMMITTEE, BodyKind.POLICE)


class BodyField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class BodiesField(ScopedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ConferenceField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class KindField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class DirectiveForm(ScopedForm):
    issuer = BodyField(
        label=_("Issuing body"), queryset=Body.objects.filter(kind__in=ISSUER_KINDS).order_by("path")
    )
    kind = KindField(label=_("Kind"), queryset=DirectiveKind.objects.none())
    text = forms.CharField(
        label=_("Text (Vietnamese)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    text_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3, "lang": "en"})
    )
    issued_by_name = forms.CharField(label=_("Issued by (name)"), max_length=200, required=False)
    issued_by_position = forms.CharField(label=_("Issued by (position)"), max_length=255, required=False)
    issued_on = forms.DateField(
        label=_("Issued on"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: the date of the conference."),
    )
    conference = ConferenceField(
        label=_("Conference"), queryset=Conference.objects.order_by("-date"), required=False
    )
    source_document = forms.CharField(
        label=_("Or a source document"),
        max_length=500,
        required=False,
        help_text=_("The number and title of the document that issued it, e.g. a concluding notice."),
    )
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999, required=False)

    def __init__(self, *args: Any, user: Any, directive: Directive | None = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        kinds = Q(is_active=True)
        if directive is not None:
            kinds |= Q(pk=directive.kind_id)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ModelChoiceField)
        kind_field.queryset = DirectiveKind.objects.filter(kinds).order_by("order", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("issued_on") and not data.get("conference"):
            self.add_error("issued_on", _("Enter the date the directive was issued."))
        if not (data.get("text") or "").strip() and not (data.get("text_en") or "").strip():
            self.add_error("text", _("Write the directive's text, in Vietnamese or in English."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("text", "text_en", "issued_by_name", "issued_by_position", "source_document"):
            data[name] = data.get(name) or ""
        return data


class AssignForm(ScopedForm):
    """Fan a directive out: one way of choosing the bodies, a due date, instructions."""

    mode = forms.ChoiceField(
        label=_("Assign to"),
        choices=TargetMode.choices,
        initial=TargetMode.BODIES,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    bodies = BodiesField(
        label=_("Bodies"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    province = BodyField(
        label=_("Province"),
        queryset=Body.objects.filter(kind=BodyKind.PROVINCIAL_COMMITTEE).order_by("name"),
        required=False,
        help_text=_("Its commune-level bodies (People's Committees and police of its communes and wards)."),
    )
    commune_kinds = forms.MultipleChoiceField(
        label=_("Only these commune-level bodies"),
        choices=[(k.value, k.label) for k in COMMUNE_KINDS],
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("None ticked: every commune-level body of the province."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    note = forms.CharField(label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        field = self.fields["bodies"]
        assert isinstance(field, BodiesField)
        # Today's bodies without the commune level (a province's communes are chosen as a whole below).
        field.queryset = without_dissolved(Body.objects.exclude(kind=BodyKind.STANDING_OFFICE))
        field.scope_to(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("mode")
        if mode == TargetMode.BODIES and not data.get("bodies"):
            self.add_error("bodies", _("Tick the bodies to assign."))
        if mode == TargetMode.COMMUNES and not data.get("province"):
            self.add_error("province", _("Choose the province whose commune-level bodies are assigned."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        mode = data["mode"]
        if mode == TargetMode.CONFERENCE:
            target = Target(conference_participants=True)
        elif mode == TargetMode.PROVINCIAL:
            target = Target(all_provincial=True)
        elif mode == TargetMode.MINISTRIES:
            target = Target(member_ministries=True)
        elif mode == TargetMode.COMMUNES:
            target = Target(
                communes_of=data["province"], commune_kinds=tuple(data.get("commune_kinds") or ())
            )
        else:
            target = Target(bodies=list(data.get("bodies") or ()))
        return {"target": target, "due_on": data["due_on"], "note": data.get("note") or ""}


def evidence_help() -> str:
    kinds = ", ".join(str(kind_label(kind)) for kind in sorted(EVIDENCE_KINDS))
    return str(
        _("At most %(size)s. Accepted: %(kinds)s.")
        % {"size": filesizeformat(EVIDENCE_MAX_BYTES), "kinds": kinds}
    )


class SectionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.report.cycle.display_name} — {obj.section}"


class LegalDocumentField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ActivityField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.date:%d/%m/%Y} — {obj.display_topic} ({obj.body.name})"


class DocumentField(ScopedModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.body.name})"


class TaskUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done. To reopen a closed task or turn down a proposal, say why here."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=(), required=False)
    propose_done = forms.BooleanField(
        label=_("Propose that the task is done (the issuing office confirms it)"), required=False
    )
    report_section = SectionField(
        label=_("Evidence: a section of your report"), queryset=Task.objects.none(), required=False
    )
    legal_document = LegalDocumentField(
        label=_("Evidence: a law or policy of the register"),
        queryset=Task.objects.none(),
        required=False,
        widget=SearchableSelect(),
    )
    activity = ActivityField(
        label=_("Evidence: an activity of the body"),
        queryset=Task.objects.none(),
        required=False,
        widget=SearchableSelect(),
    )
    document = DocumentField(
        label=_("Evidence: a kept document"),
        queryset=Task.objects.none(),
        required=False,
        widget=SearchableSelect(),
    )
    file = forms.FileField(label=_("Evidence: a file"), required=False, allow_empty_file=True)
    reference = forms.CharField(
        label=_("Evidence: a reference"),
        max_length=500,
        required=False,
        help_text=_("A document's number and title, or a web address."),
    )

    def __init__(
        self,
        *args: Any,
        task: Task,
        sections: Any,
        confirms: bool,
        user: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        for name, queryset in (
            ("legal_document", evidence_legal_documents()),
            ("activity", scoped(user, evidence_activities(task)) if user is not None else None),
            ("document", evidence_documents(user=user) if user is not None else None),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            if queryset is None:
                del self.fields[name]
            else:
                field.queryset = queryset
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        if confirms:
            status.choices = [("", _("(unchanged)")), *TaskStatus.choices]
        else:
            status.choices = [
                ("", _("(unchanged)")),
                (TaskStatus.OPEN.value, TaskStatus.OPEN.label),
                (TaskStatus.IN_PROGRESS.value, TaskStatus.IN_PROGRESS.label),
            ]
        section_field = self.fields["report_section"]
        assert isinstance(section_field, forms.ModelChoiceField)
        section_field.queryset = sections
        self.fields["file"].help_text = evidence_help()
        if task.is_closed:
            del self.fields["propose_done"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        evidence = []
        if data.get("report_section") is not None:
            evidence.append(Evidence(report_section=data["report_section"]))
        if data.get("file") is not None:
            evidence.append(Evidence(file=data["file"]))
        if (data.get("reference") or "").strip():
            evidence.append(Evidence(reference=data["reference"]))
        for name in ("legal_document", "activity", "document"):
            if data.get(name) is not None:
                evidence.append(Evidence(**{name: data[name]}))
        return {
            "text": data.get("text") or "",
            "status": data.get("status") or None,
            "propose_done": bool(data.get("propose_done")),
            "evidence": evidence,
        }


class DirectiveKindForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name (Vietnamese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
