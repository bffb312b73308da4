"""Bad input gets a clear error in the user's language and changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from foundation_world import World

from rightstrack.accounts.services import user_create
from rightstrack.bodies.models import Body, Membership
from rightstrack.bodies.services import body_update
from rightstrack.core.models import AuditEntry

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "A membership cannot end before it starts."),
        ("vi", "Ngày kết thúc không được trước ngày bắt đầu."),
    ],
)
def test_membership_ending_before_it_starts(
    world: World, client_for: Any, language: str, message: str
) -> None:
    before = AuditEntry.objects.count()
    response = client_for("focal_a", language=language).post(
        reverse("bodies:membership_create", args=[world.committee_a.pk]),
        {"position": "member", "person_name": "Hồ Văn Hải", "start_on": "2025-08-01", "end_on": "2025-07-01"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Membership.objects.filter(person__full_name="Hồ Văn Hải").exists()
    assert AuditEntry.objects.count() == before


def test_a_user_needs_a_body(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        user_create(actor=world.users["admin"], username="nobody", body=None, role="reviewer", password=None)
    assert "body" in error.value.message_dict


def test_moving_a_body_moves_its_subtree(world: World) -> None:
    body_update(actor=world.users["admin"], body=world.committee_a, parent=world.ministry)
    sub = Body.objects.get(pk=world.sub_a.pk)
    assert sub.path.startswith(Body.objects.get(pk=world.committee_a.pk).path)
    assert sub.path.startswith(world.ministry.path)


def test_a_body_cannot_be_placed_under_its_own_child(world: World) -> None:
    with pytest.raises(ValidationError):
        body_update(actor=world.users["admin"], body=world.committee_a, parent=world.sub_a)
    assert Body.objects.get(pk=world.committee_a.pk).parent == world.national


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("DEBUG", "maybe", "DEBUG"),
        ("EMAIL_PORT", "abc", "EMAIL_PORT"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL"),
        ("SECRET_KEY", "short", "SECRET_KEY"),
        ("LANGUAGE_CODE", "fr", "LANGUAGE_CODE"),
    ],
)
def test_a_malformed_setting_stops_start_up_with_one_sentence(
    tmp_path: Path, variable: str, value: str, named: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env |= {variable: value, "RIGHTSTRACK_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "rightstrack.cli", "check"], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rightstrack: configuration error:") and named in lines[0]
