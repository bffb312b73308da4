"""Forms for template revisions: the name, the sections and the indicators, as formsets."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.reporting.forms.cycles import EnglishInputsMixin
from rightstrack.reporting.models import MAX_DECIMALS
from rightstrack.reporting.specs import IndicatorSpec, SectionSpec

KEY_MAX_LENGTH = 64


def unique_key(text: str, taken: set[str], fallback: str) -> str:
    """A slug for a new section or indicator, made from its title and not yet used in the template."""
    base = slugify(text.replace("đ", "d").replace("Đ", "D"))[: KEY_MAX_LENGTH - 4].strip("-") or fallback
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


class TemplateNameForm(EnglishInputsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    name_en = forms.CharField(label=_("English name"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark_english()


class SectionForm(EnglishInputsMixin, forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=KEY_MAX_LENGTH,
        required=False,
        help_text=_("Made from the title if left empty; never changes once saved."),
    )
    parent = forms.ChoiceField(label=_("Part of"), required=False)
    title = forms.CharField(label=_("Title"), max_length=255)
    title_en = forms.CharField(label=_("English title"), max_length=255, required=False)
    guidance = forms.CharField(
        label=_("Guidance for the writer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    guidance_en = forms.CharField(
        label=_("English guidance"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aliases = forms.CharField(
        label=_("Other headings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Headings that mean this section in imported documents, one per line."),
    )

    def __init__(self, *args: Any, parent_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("— (a main section)")), *parent_choices]  # type: ignore[attr-defined]
        self.mark_english()
        if self.initial.get("key"):
            self.fields["key"].disabled = True
            self.fields["key"].help_text = ""


class IndicatorForm(EnglishInputsMixin, forms.Form):
    key = forms.SlugField(
        label=_("Key"),
        max_length=KEY_MAX_LENGTH,
        required=False,
        help_text=_("Made from the label if left empty; never changes once saved."),
    )
    label = forms.CharField(label=_("Label"), max_length=255)
    label_en = forms.CharField(label=_("English label"), max_length=255, required=False)
    unit = forms.CharField(label=pgettext_lazy("unit of measure", "Unit"), max_length=64, required=False)
    unit_en = forms.CharField(label=_("English unit"), max_length=64, required=False)
    sums_across_bodies = forms.BooleanField(label=_("Sums across provinces"), required=False, initial=True)
    allow_negative = forms.BooleanField(label=_("May be negative"), required=False)
    decimals = forms.IntegerField(
        label=_("Decimal places"), min_value=0, max_value=MAX_DECIMALS, initial=0, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark_english()
        if self.initial.get("key"):
            self.fields["key"].disabled = True
            self.fields["key"].help_text = ""


def _position(form: forms.Form, index: int) -> tuple[float, int, int]:
    """Rows by position; on a tie the row whose position was just typed goes first (it is being moved
    there), then the rest in their present order."""
    order = form.cleaned_data.get("ORDER")
    moved = 0 if "ORDER" in form.changed_data else 1
    return (float("inf") if order is None else float(order), moved, index)


class OutlineFormSet(forms.BaseFormSet):
    """Rows of an outline: a position to order them and a box to remove them."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["ORDER"].label = pgettext_lazy("order in a list", "Position")
        form.fields["ORDER"].widget.attrs["min"] = 1
        form.fields["DELETE"].label = _("Remove from the new version")

    def kept(self) -> list[tuple[int, forms.Form]]:
        forms_kept = []
        for index, form in enumerate(self.forms):
            if form.cleaned_data.get("DELETE"):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            forms_kept.append((index, form))
        return forms_kept


class SectionFormSet(OutlineFormSet):
    """Sections: a position orders main sections among themselves and sub-sections within their section."""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "parent_choices": self.parent_choices}

    def __init__(self, *args: Any, parent_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        self.parent_choices = parent_choices
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = self.kept()
        main = {f.cleaned_data.get("key") or "" for _i, f in kept if not f.cleaned_data.get("parent")}
        for _index, form in kept:
            parent = form.cleaned_data.get("parent")
            if parent and parent not in main:
                form.add_error(
                    "parent",
                    _("This section belongs to a section that is being removed or is itself a sub-section."),
                )
        if not kept:
            raise forms.ValidationError(_("A template needs at least one section."))

    def specs(self) -> list[SectionSpec]:
        """Main sections in position order, each followed by its sub-sections in position order."""
        kept = self.kept()
        taken: set[str] = {form.cleaned_data["key"] for _i, form in kept if form.cleaned_data.get("key")}
        specs: dict[int, SectionSpec] = {}
        for index, form in kept:
            data = form.cleaned_data
            key = data.get("key") or unique_key(data.get("title_en") or data["title"], taken, "section")
            taken.add(key)
            lines = [line.strip() for line in (data.get("aliases") or "").splitlines() if line.strip()]
            specs[index] = SectionSpec(
                key=key,
                title=data["title"],
                title_en=data.get("title_en") or "",
                guidance=data.get("guidance") or "",
                guidance_en=data.get("guidance_en") or "",
                parent=data.get("parent") or None,
                match_aliases=tuple(lines),
            )
        position = {index: _position(form, index) for index, form in kept}
        mains = sorted((i for i in specs if specs[i].parent is None), key=position.__getitem__)
        ordered: list[SectionSpec] = []
        for main_index in mains:
            ordered.append(specs[main_index])
            children = [i for i in specs if specs[i].parent == specs[main_index].key]
            ordered.extend(specs[i] for i in sorted(children, key=position.__getitem__))
        return ordered


class IndicatorFormSet(OutlineFormSet):
    def specs(self) -> list[IndicatorSpec]:
        kept = [form for _i, form in sorted(self.kept(), key=lambda item: _position(item[1], item[0]))]
        taken: set[str] = {form.cleaned_data["key"] for form in kept if form.cleaned_data.get("key")}
        specs = []
        for form in kept:
            data = form.cleaned_data
            key = data.get("key") or unique_key(data.get("label_en") or data["label"], taken, "indicator")
            taken.add(key)
            specs.append(
                IndicatorSpec(
                    key=key,
                    label=data["label"],
                    label_en=data.get("label_en") or "",
                    unit=data.get("unit") or "",
                    unit_en=data.get("unit_en") or "",
                    sums_across_bodies=bool(data.get("sums_across_bodies")),
                    allow_negative=bool(data.get("allow_negative")),
                    decimals=data.get("decimals") or 0,
                )
            )
        return specs


SectionFormSetClass = cast(
    type[SectionFormSet],
    forms.formset_factory(SectionForm, formset=SectionFormSet, extra=1, can_order=True, can_delete=True),
)
IndicatorFormSetClass = cast(
    type[IndicatorFormSet],
    forms.formset_factory(IndicatorForm, formset=IndicatorFormSet, extra=1, can_order=True, can_delete=True),
)


def section_initial(specs: list[SectionSpec]) -> list[dict[str, Any]]:
    """Each section's present values; positions count main sections, and sub-sections within theirs."""
    positions: dict[str | None, int] = {}
    initial = []
    for spec in specs:
        positions[spec.parent] = positions.get(spec.parent, 0) + 1
        initial.append({"ORDER": positions[spec.parent], **_section_values(spec)})
    return initial


def _section_values(s: SectionSpec) -> dict[str, Any]:
    return {
        "key": s.key,
        "parent": s.parent or "",
        "title": s.title,
        "title_en": s.title_en,
        "guidance": s.guidance,
        "guidance_en": s.guidance_en,
        "aliases": "\n".join(s.match_aliases),
    }


def indicator_initial(specs: list[IndicatorSpec]) -> list[dict[str, Any]]:
    return [
        {
            "key": i.key,
            "label": i.label,
            "label_en": i.label_en,
            "unit": i.unit,
            "unit_en": i.unit_en,
            "sums_across_bodies": i.sums_across_bodies,
            "allow_negative": i.allow_negative,
            "decimals": i.decimals,
        }
        for i in specs
    ]
