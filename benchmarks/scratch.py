"""What every benchmark starts from: a scratch database and the committees of a country, built once here.

Import it first, before Django::

    from scratch import committees, prepare   # benchmarks/ is the script's directory, so on sys.path

    prepare()             # a throw-away var/ and SQLite file unless DATABASE_URL names one
    ...                   # then import models and services
    world = committees(63, office=True)

``committees`` goes through the services (``body_create``), so each body is the one the product would make;
the provinces are Viet Nam's 63 pre-2025 provinces from the shipped data file, in its order.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "rightstrack" / "places" / "data" / "vn_provinces.json"


def prepare(*, tasks_immediate: bool = True) -> None:
    """Point Django at a scratch var/ and database (unless the environment names one) and set it up."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("RIGHTSTRACK_VAR_DIR", tempfile.mkdtemp(prefix="rt-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{os.environ['RIGHTSTRACK_VAR_DIR']}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    os.environ["SECURE_SSL"] = "0"
    if tasks_immediate:
        os.environ.setdefault("TASKS_BACKEND", "immediate")

    import django

    from rightstrack import bootstrap

    bootstrap.prepare()  # the throw-away var/ gets its own secret key, as `rightstrack` commands do
    django.setup()


@dataclass
class Country:
    national: Any
    office: Any | None
    committees: list[Any]


def provinces(count: int) -> list[dict[str, Any]]:
    """The first ``count`` of the 63 pre-2025 provinces as the shipped data file lists them."""
    rows: list[dict[str, Any]] = json.loads(PLACES.read_text(encoding="utf-8"))["provinces_legacy"]
    return rows[:count]


def committees(count: int, *, office: bool = False) -> Country:
    """The national committee (and, if asked, its standing office) and ``count`` provincial committees, each
    on its province's administrative unit. Call inside ``action_context`` and a transaction."""
    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.bodies.services import body_create
    from rightstrack.places.models import AdministrativeUnit

    national = body_create(
        actor=None, code="nc", name="Ban Chỉ đạo", kind=BodyKind.NATIONAL_COMMITTEE, level=BodyLevel.NATIONAL
    )
    standing = None
    if office:
        standing = body_create(
            actor=None,
            code="so",
            name="Văn phòng Thường trực",
            kind=BodyKind.STANDING_OFFICE,
            level=BodyLevel.NATIONAL,
            parent=national,
        )
    made = []
    for row in provinces(count):
        unit = AdministrativeUnit(
            code=row["code"], name=row["name"], name_en=row["name_en"], kind=row["kind"], level="province"
        )
        unit.save()
        made.append(
            body_create(
                actor=None,
                code=f"p{row['code']}",
                name=f"Ban Chỉ đạo nhân quyền {row['kind']} {row['name']}",
                kind=BodyKind.PROVINCIAL_COMMITTEE,
                level=BodyLevel.PROVINCIAL,
                parent=national,
                unit=unit,
            )
        )
    return Country(national=national, office=standing, committees=made)
