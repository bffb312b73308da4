"""factory-boy factories that write through the services, as every interface must.

Bodies need their materialised path and users need their staff flags kept in step with their role, so those
factories call ``body_create`` and ``user_create`` instead of saving rows; units and regions are reference
data and are saved directly.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from factory.django import DjangoModelFactory

from rightstrack.accounts.choices import Role
from rightstrack.accounts.models import User
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind, BodyLevel, Position
from rightstrack.bodies.models import Body, Membership, Person
from rightstrack.bodies.services import body_create, membership_create, person_get_or_create
from rightstrack.places.choices import RegionKind, UnitLevel
from rightstrack.places.models import AdministrativeUnit, Region, RegionMembership

PASSWORD = "a-long-test-password-2026"
SEATED_ON = datetime.date(2025, 7, 1)


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{n + 100:03d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test Province {n}")
    level = UnitLevel.PROVINCE


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Vùng {n}")
    kind = RegionKind.SOCIO_ECONOMIC


class RegionMembershipFactory(DjangoModelFactory):
    class Meta:
        model = RegionMembership

    region = factory.SubFactory(RegionFactory)
    unit = factory.SubFactory(UnitFactory)


class BodyFactory(factory.Factory):
    """A body created by ``body_create`` (which sets the path); pass ``actor=`` to create as someone."""

    class Meta:
        model = Body

    code = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Ban Chỉ đạo số {n}")
    kind = BodyKind.PROVINCIAL_COMMITTEE
    level = BodyLevel.PROVINCIAL
    parent = None
    unit = None

    @classmethod
    def _create(cls, model_class: type[Body], *args: Any, actor: User | None = None, **kwargs: Any) -> Body:
        return body_create(actor=actor, **kwargs)


class PersonFactory(factory.Factory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Số {n}")
    title = "Phó Chủ tịch UBND"

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        return person_get_or_create(actor=None, **kwargs)


class MembershipFactory(factory.Factory):
    """A seat held by a person (pass ``person=None, member_body=...`` for an agency's seat)."""

    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    member_body = None
    position = Position.MEMBER
    start_on = SEATED_ON
    end_on = None

    @classmethod
    def _create(
        cls, model_class: type[Membership], *args: Any, actor: User | None = None, **kwargs: Any
    ) -> Membership:
        return membership_create(actor=actor, **kwargs)


class UserFactory(factory.Factory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    body = factory.SubFactory(BodyFactory)
    role = Role.PROVINCIAL_FOCAL_POINT
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    preferred_language = "en"
    password = PASSWORD

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, actor: User | None = None, **kwargs: Any) -> User:
        return user_create(actor=actor, validate=False, **kwargs)
