"""Django's form renderer, with its commonest widgets (inputs, text areas, selects) written out in Python.

Each field of a form is a template rendering of its own (``django/forms/widgets/*.html``, with an
``attrs.html`` included for its attributes and one more per option of a select): the writing page's
twenty-one fields cost a fifth of the page (docs/benchmarks.md, "Load"; decision 0063). This renderer
writes the same HTML, character for character, for Django's own input, text area, select and option
templates, and hands every other template (and any of these that an app overrides) to Django's templates.
``core/tests/test_widgets_renderer.py`` renders widgets both ways and compares.

The template language's rules are kept: a value is localised and escaped unless it is safe; an attribute
value goes through ``stringformat:'s'``; ``False`` leaves an attribute out, ``True`` writes its bare name.
A callable anywhere (which a template would call) sends the widget to its template.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import stringformat
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

WIDGETS = "django/forms/widgets/"
DJANGO_TEMPLATES = (Path(django.__file__).parent / "forms" / "templates").resolve()
# Django's widget templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = frozenset(
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
TEXTAREA = f"{WIDGETS}textarea.html"
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"


class Unwritten(Exception):
    """This widget is left to its template (a value the template would call, an unusual attribute)."""


def _shown(value: Any) -> str:
    """``{{ value }}``: localised, then escaped unless safe (``render_value_in_context``)."""
    if callable(value):
        raise Unwritten
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return str(conditional_escape(value))


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: a safe value stays unescaped (the filter is ``is_safe``)."""
    if callable(value):
        raise Unwritten
    text = stringformat(value, "s")
    return text if isinstance(value, SafeData) else str(escape(text))


def _attrs(attrs: dict[str, Any]) -> str:
    """``attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if not isinstance(name, str):
            raise Unwritten
        if value is False:
            continue
        if callable(value):
            raise Unwritten
        parts.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{_formatted(value)}"'
        )
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    kind, name = _shown(widget["type"]), _shown(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    if callable(value):
        raise Unwritten
    text = _shown(value) if value else ""
    return f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _option(option: dict[str, Any]) -> str:
    """``select_option.html`` as the select includes it: with the file's closing newline."""
    if option.get("template_name") != OPTION:
        raise Unwritten
    value, label = _formatted(option["value"]), _shown(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if callable(group_name):
            raise Unwritten
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {
    **dict.fromkeys(INPUTS, _input),
    TEXTAREA: _textarea,
    SELECT: _select,
}


class FastWidgetsRenderer(DjangoTemplates):
    """``FORM_RENDERER``: Django's templates, but for the widgets ``WRITERS`` writes (module docstring)."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        writer = WRITERS.get(template_name)
        widget = context.get("widget") if writer is not None else None
        if writer is not None and isinstance(widget, dict) and self._stock(template_name):
            try:
                return mark_safe(writer(widget).strip())  # noqa: S308 - every value above was escaped
            except (Unwritten, KeyError):
                pass
        return super().render(template_name, context, request=request)

    @functools.cache  # noqa: B019 - one renderer per process (Django's get_default_renderer)
    def _stock(self, template_name: str) -> bool:
        """Django's own templates are the ones in use: no app overrides this one or what it includes."""
        names = {template_name, f"{WIDGETS}attrs.html", f"{WIDGETS}input.html", OPTION}
        for name in names:
            origin = Path(str(self.get_template(name).origin.name)).resolve()
            if not origin.is_relative_to(DJANGO_TEMPLATES):
                return False
        return True
