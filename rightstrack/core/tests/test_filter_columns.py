"""A filter form's column grows with the name its select shows closed, so a long name (a UHRI theme, a report
section) stays readable; a name too long for a phone is also written out under its select."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightstrack.bodies.models import Body
from rightstrack.core.templatetags.rt import chosen_label, filter_column, long_choice
from tests.world import World

LONG = "Prohibition of torture and cruel, inhuman or degrading treatment"  # 64 characters
MEDIUM = "Human rights themes"
LONGEST = "Social policies (poverty reduction, support for disadvantaged groups, emergency support)"


class Filters(forms.Form):
    theme = forms.ChoiceField(
        required=False,
        choices=[("", "All"), ("Themes", [("torture", LONG), ("short", "Torture")]), ("social", LONGEST)],
    )
    taxonomy = forms.ChoiceField(required=False, choices=[("", "All"), ("uhri-theme", MEDIUM)])
    themes = forms.MultipleChoiceField(required=False, choices=[("torture", LONG)])
    body = forms.ModelChoiceField(required=False, queryset=Body.objects.all())


def bound(**data: str) -> Filters:
    form = Filters(data)
    assert form.is_valid(), form.errors
    return form


def test_the_column_grows_with_the_chosen_name_not_the_longest_option() -> None:
    assert filter_column(bound()["theme"]) == "col-sm-6 col-md-4 col-lg-2"  # "All": as every filter
    assert filter_column(bound(theme="short")["theme"]) == "col-sm-6 col-md-4 col-lg-2"
    assert filter_column(bound(taxonomy="uhri-theme")["taxonomy"]) == "col-12 col-md-6 col-lg-4 col-xl-3"
    assert filter_column(bound(theme="torture")["theme"]) == "col-12"  # an option inside a group
    assert filter_column(bound(theme="social")["theme"]) == "col-12"


def test_a_name_too_long_for_a_phone_is_written_out_under_its_select() -> None:
    assert long_choice(bound(theme="torture")["theme"]) == LONG
    assert long_choice(bound(taxonomy="uhri-theme")["taxonomy"]) == ""
    # A multiple select, or a value the form refused, shows no chosen name.
    assert long_choice(bound(themes=["torture"])["themes"]) == ""  # type: ignore[arg-type]
    refused = Filters({"theme": "nothing"})
    assert not refused.is_valid() and chosen_label(refused["theme"]) == ""


@pytest.mark.django_db
def test_a_chosen_body_is_named_without_a_query(world: World) -> None:
    form = bound(body=str(world.committee_a.pk))
    with CaptureQueriesContext(connection) as queries:
        assert chosen_label(form["body"]) == str(world.committee_a)
    assert len(queries) == 0
