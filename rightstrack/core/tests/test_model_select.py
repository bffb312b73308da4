"""A model select reads its choices with one plain query (decision 0044): no server-side cursor on
PostgreSQL (three round trips more a select), the same options as Django's own iterator gives."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rightstrack.places.models import Region

pytestmark = pytest.mark.django_db


class RegionForm(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.order_by("code"), empty_label="—")
    regions = forms.ModelMultipleChoiceField(queryset=Region.objects.order_by("code"), required=False)


def test_a_select_reads_its_choices_in_one_query_without_a_cursor() -> None:
    for code in ("r-a", "r-b", "r-c"):
        Region.objects.get_or_create(code=code, defaults={"name": code.upper()})
    form = RegionForm()
    with CaptureQueriesContext(connection) as queries:
        single, multiple = str(form["region"]), str(form["regions"])
    assert len(queries) == 2  # one a select
    assert not any("DECLARE" in q["sql"].upper() for q in queries.captured_queries)
    expected = list(Region.objects.order_by("code").values_list("pk", "name"))
    assert len(expected) >= 3
    for pk, name in expected:
        assert f'value="{pk}"' in single and f">{name}</option>" in single
        assert f'value="{pk}"' in multiple
    assert single.index('value=""') < single.index(f'value="{expected[0][0]}"')  # the empty label first
