"""The fast widget renderer writes exactly what Django's widget templates write, whatever the widget holds."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from rightstrack.core.widgets_renderer import FastWidgetsRenderer

ATTRS: list[dict[str, Any]] = [
    {},
    {"class": "form-control", "required": True, "disabled": False, "maxlength": 255},
    {"placeholder": 'Tên "cơ quan" & <đơn vị>', "data-x": mark_safe("<b>safe</b>"), "data-n": 1250},
    {"aria-describedby": "id_x_help id_x_error", "aria-invalid": "true", "step": Decimal("0.5")},
]
VALUES: list[Any] = [None, "", "Hà Nội", "<p>Xin chào & tạm biệt</p>", mark_safe("<p>an toàn</p>"), 1250, 0]
CHOICES: list[Any] = [
    [("", "---------"), (1, "Một"), (1250, gettext_lazy("Draft")), ("a&b", "<A & B>")],
    [("Miền Bắc", [(1, "Hà Nội"), (2, "Hải Phòng")]), ("Miền Nam", [("3", "Cần Thơ")]), (4, "Khác")],
]


def widgets() -> list[tuple[forms.Widget, Any]]:
    found: list[tuple[forms.Widget, Any]] = []
    for attrs in ATTRS:
        for value in VALUES:
            for cls in (
                forms.TextInput,
                forms.NumberInput,
                forms.HiddenInput,
                forms.EmailInput,
                forms.PasswordInput,
                forms.Textarea,
            ):
                found.append((cls(attrs=attrs), value))
        found.append((forms.CheckboxInput(attrs=attrs), True))
        found.append((forms.CheckboxInput(attrs=attrs), False))
        found.append((forms.DateInput(attrs=attrs), datetime.date(2026, 12, 2)))
        found.append((forms.FileInput(attrs=attrs), None))
        for choices in CHOICES:
            for value in (None, "", 1, "1250", "a&b", "3", ["1", "2"]):
                found.append((forms.Select(attrs=attrs, choices=choices), value))
                found.append((forms.SelectMultiple(attrs=attrs, choices=choices), value))
    return found


@pytest.mark.parametrize("language", ["vi", "en"])
def test_it_writes_what_the_templates_write(language: str) -> None:
    fast, templates = FastWidgetsRenderer(), DjangoTemplates()
    with translation.override(language):
        for widget, value in widgets():
            expected = widget.render("field", value, attrs={"id": "id_field"}, renderer=templates)
            written = widget.render("field", value, attrs={"id": "id_field"}, renderer=fast)
            assert written == expected, (type(widget).__name__, widget.attrs, value)


def test_it_leaves_a_callable_to_the_template() -> None:
    widget = forms.TextInput(attrs={"data-when": lambda: "now"})
    fast, templates = FastWidgetsRenderer(), DjangoTemplates()
    assert widget.render("f", "x", renderer=fast) == widget.render("f", "x", renderer=templates)
    assert 'data-when="now"' in widget.render("f", "x", renderer=fast)


def test_other_templates_are_rendered_by_django() -> None:
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    fast, templates = FastWidgetsRenderer(), DjangoTemplates()
    assert widget.render("f", "a", renderer=fast) == widget.render("f", "a", renderer=templates)


def test_forms_use_it() -> None:
    class Form(forms.Form):
        name = forms.CharField()

    assert isinstance(Form().renderer or forms.Form.default_renderer or _default(), FastWidgetsRenderer)


def _default() -> Any:
    from django.forms.renderers import get_default_renderer

    return get_default_renderer()
