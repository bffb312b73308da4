"""Small template helpers: Bootstrap classes on form widgets, history links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms, template
from django.db import models
from django.template import Engine
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from rightstrack.core import registry
from rightstrack.core.numbers import format_number
from rightstrack.core.scope import can_see

register = template.Library()

# A filter's column grows with the name its select shows closed (a UHRI theme, a report section), so that the
# name stays readable: up to so many characters, these columns; past the last, a row of its own.
FILTER_COLUMNS = (
    (16, "col-sm-6 col-md-4 col-lg-2"),
    (24, "col-12 col-md-6 col-lg-4 col-xl-3"),
    (56, "col-12 col-xl-6"),
)
# A longer chosen name is also written out under its select on a phone (it cannot fit), and one over 64
# characters on a tablet too (includes/filter_form.html).
LONG_CHOICE = 28


@register.filter
def bs(field: Any) -> Any:
    """Render a bound field with Bootstrap's classes and aria attributes for errors and help text."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "")
    css = (
        "form-check-input"
        if input_type == "checkbox"
        else (
            "form-select"
            if input_type == "select" or widget.__class__.__name__.endswith("Select")
            else "form-control"
        )
    )
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    described_by = [f"{field.id_for_label}_help"] if field.help_text else []
    if field.errors:
        described_by.append(f"{field.id_for_label}_error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def number(value: Any, decimals: Any = None) -> str:
    """A number as the reader writes it: ``{{ figure.value|number:2 }}`` → "26.019,00" (vi), "26,019.00" (en);
    "—" when there is none. Text that is not a number is shown as it is."""
    try:
        places = int(decimals) if decimals not in (None, "") else None
        return format_number(value, get_language() or "vi", decimals=places)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


@register.simple_tag
def history_url(obj: models.Model) -> str:
    return reverse("core:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


@register.simple_tag(takes_context=True)
def link_to(context: template.Context, obj: Any, text: Any = None, css: str = "") -> str:
    """A link to ``obj`` when the reader may open it; its name as plain text when they may not (a predecessor
    body, a member agency outside their scope): a page never links to a 404."""
    if obj is None:
        return "—"
    label = text if text not in (None, "") else str(obj)
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    if url and user is not None and can_see(user, obj):
        if css:
            return format_html('<a class="{}" href="{}">{}</a>', css, url, label)
        return format_html('<a href="{}">{}</a>', url, label)
    return conditional_escape(label)


@register.simple_tag(takes_context=True)
def render_cell(context: template.Context, column: Any, record: Any) -> str:
    """One table cell (``core.tables.Column``): its template with ``record`` in the page's context, or its
    value escaped ("—" when empty)."""
    if column.compiled is None:
        value = column.value(record)
        return conditional_escape("—" if value in (None, "") else value)
    with context.push(record=record):
        return column.compiled.render(context)


@register.simple_tag(takes_context=True)
def render_row_class(context: template.Context, table: Any, record: Any) -> str:
    if table.compiled_row_class is None:
        return ""
    with context.push(record=record):
        return str(table.compiled_row_class.render(context)).strip()


@register.simple_tag(takes_context=True)
def object_panels(context: template.Context, obj: models.Model) -> str:
    """The blocks other apps add to ``obj``'s page (``core.registry.ObjectPanel``), each rendered with the
    page's context plus what its ``context`` function returns; none when the function returns None."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    engine = context.template.engine if context.template is not None else Engine.get_default()
    parts = []
    for panel in registry.object_panels(f"{obj._meta.app_label}.{obj._meta.model_name}"):
        data = registry.resolve(panel.context)(user=user, obj=obj)
        if data is None:
            continue
        with context.push(**data):
            parts.append(engine.get_template(panel.template).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - each part is a rendered, autoescaped template


def chosen_label(field: forms.BoundField) -> str:
    """The name a single select shows closed: the label of its valid value ("" when none, or not a select).
    Read from the cleaned data, so a model choice costs no query."""
    form_field = field.field
    if not isinstance(form_field, forms.ChoiceField) or form_field.widget.allow_multiple_selected:
        return ""
    value = (getattr(field.form, "cleaned_data", None) or {}).get(field.name)
    if value is None or value == "":
        return ""
    if isinstance(form_field, forms.ModelChoiceField):
        return str(form_field.label_from_instance(value))
    for key, label in cast(Iterable[tuple[Any, Any]], form_field.choices):
        for option, text in label if isinstance(label, (list, tuple)) else [(key, label)]:
            if str(option) == str(value):
                return str(text)
    return ""


@register.filter
def filter_column(field: forms.BoundField) -> str:
    """A filter form field's column classes: wider as the chosen name is longer."""
    length = len(chosen_label(field))
    return next((classes for most, classes in FILTER_COLUMNS if length <= most), "col-12")


@register.filter
def long_choice(field: forms.BoundField) -> str:
    """The chosen name when it is too long for a phone's select, to write out under it; else ""."""
    label = chosen_label(field)
    return label if len(label) > LONG_CHOICE else ""
