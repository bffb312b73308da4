"""`rightstrack laws citations`: the job's detection from the console; a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from rightstrack.laws.models import LegalMention
from tests.world import World

pytestmark = pytest.mark.usefixtures("legal")


def test_the_command_finds_the_citations_and_a_second_run_changes_nothing(world: World) -> None:
    LegalMention.objects.all().delete()
    out = io.StringIO()
    call_command("laws_citations", stdout=out)
    assert "1 citation(s), 1 added, 0 removed" in out.getvalue()
    again = io.StringIO()
    call_command("laws_citations", stdout=again)
    assert "1 citation(s), 0 added, 0 removed" in again.getvalue()
    assert LegalMention.objects.get().document == world.legal().decree
