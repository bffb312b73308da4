"""The themes' and groups' select writes, without a template per option, the HTML Django's templates write:
the same options, the chosen one selected, ``lang="en"`` on a name not yet in Vietnamese, text escaped."""

from __future__ import annotations

import re

import pytest
from django import forms

from rightstrack.recommendations.filters import NamedSelect
from rightstrack.recommendations.models import Theme


def _tight(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.django_db
def test_it_writes_what_django_s_templates_write() -> None:
    named = Theme.objects.create(name="Right to education", name_vi="Quyền được giáo dục")
    Theme.objects.create(name='Women & girls <"quoted">', name_vi="")
    field = forms.ModelChoiceField(
        queryset=Theme.objects.order_by("name"), widget=NamedSelect, required=False
    )
    attrs = {"id": "id_theme", "class": "form-select is-invalid", "aria-invalid": "true", "autofocus": True}
    for value in (None, str(named.pk)):
        ours = field.widget.render("theme", value, attrs=dict(attrs))
        django = forms.Select.render(field.widget, "theme", value, attrs=dict(attrs))
        assert _tight(ours) == _tight(django)
    html = str(field.widget.render("theme", str(named.pk), attrs=dict(attrs)))
    assert (
        f'value="{named.pk}" selected>' in html
        and 'lang="en"' in html
        and "&lt;&quot;quoted&quot;&gt;" in html
    )
