"""A user's own settings (issue 7, item 3): their time zone, which every page they see shows times in, and the
language of their messages; changed on their own profile page through one audited service."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.core.models import AuditEntry
from tests.world import World

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
HO_CHI_MINH = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def shown(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    return timezone.localtime(moment, zone).strftime("%d/%m/%Y %H:%M:%S")


def history_of_committee_a(client: Any, world: World) -> tuple[str, datetime.datetime]:
    entry = AuditEntry.objects.for_object(world.committee_a).first()
    assert entry is not None
    url = reverse("core:history", args=["bodies", "body", world.committee_a.pk])
    return client.get(url).content.decode(), entry.created_at


def test_a_user_in_paris_sees_the_audit_times_in_paris(world: World, signed_in: Any) -> None:
    client = signed_in("secretariat")
    page, moment = history_of_committee_a(client, world)
    assert shown(moment, HO_CHI_MINH) in page  # the deployment's zone until the user chooses one

    response = client.post(reverse("profile"), {"preferred_language": "en", "time_zone": "Europe/Paris"})
    assert response.status_code == 302 and response["Location"] == reverse("profile")

    page, moment = history_of_committee_a(client, world)
    assert shown(moment, PARIS) in page and shown(moment, HO_CHI_MINH) not in page
    user = User.objects.get(username=world.users["secretariat"].username)
    assert user.time_zone == "Europe/Paris"
    change = AuditEntry.objects.for_object(user).first()
    assert change is not None and change.action == "update"
    assert (change.after or {})["time_zone"] == "Europe/Paris"


def test_the_zone_is_the_users_own(world: World, signed_in: Any) -> None:
    signed_in("secretariat").post(
        reverse("profile"), {"preferred_language": "vi", "time_zone": "Europe/Paris"}
    )
    page, moment = history_of_committee_a(signed_in("admin"), world)
    assert shown(moment, HO_CHI_MINH) in page


def test_an_unknown_zone_is_refused_and_nothing_changes(world: World, signed_in: Any) -> None:
    response = signed_in("focal_a").post(
        reverse("profile"), {"preferred_language": "vi", "time_zone": "Mars/Olympus_Mons"}
    )
    assert response.status_code == 200 and response.context["form"].errors["time_zone"]
    user = User.objects.get(username=world.users["focal_a"].username)
    assert user.time_zone == ""


def test_the_profile_page_offers_every_zone_the_deployments_first(world: World, signed_in: Any) -> None:
    page = signed_in("focal_a", language="vi").get(reverse("profile")).content.decode()
    assert "Múi giờ" in page and 'value="Europe/Paris"' in page and "data-searchable" in page
    assert page.index('value="Asia/Ho_Chi_Minh"') < page.index('value="Africa/Abidjan"')


def test_api_datetimes_stay_iso_8601_with_their_offset(world: World, signed_in: Any, api_for: Any) -> None:
    signed_in("admin").post(reverse("profile"), {"preferred_language": "en", "time_zone": "Europe/Paris"})
    answer = api_for("admin").get("/api/audit/").json()
    stamp = answer["results"][0]["created_at"]
    moment = datetime.datetime.fromisoformat(stamp)
    assert moment.utcoffset() == datetime.timedelta(hours=7)  # the deployment's, whoever asks
