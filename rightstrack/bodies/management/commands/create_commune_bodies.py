"""`rightstrack bodies create-commune-bodies [--province CODE ...]`: each commune's People's Committee and
police, under its provincial steering committee (idempotent)."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.bodies.services import commune_bodies_create
from rightstrack.core.context import action_context
from rightstrack.core.views.errors import error_text
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Create the People's Committee and the police of every current commune of the provinces named (by "
        "GSO code; default: every province with communes loaded), under each province's steering committee. "
        "Running it again creates nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="extend",
            nargs="+",
            metavar="CODE",
            help=_("a province's GSO code (79, 01 …); repeat or list several"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        provinces = AdministrativeUnit.objects.valid_on(timezone.localdate()).filter(level=UnitLevel.PROVINCE)
        if options["province"]:
            codes = [c.zfill(2) if c.isdigit() else c for c in options["province"]]
            provinces = provinces.filter(code__in=codes)
            unknown = sorted(set(codes) - set(provinces.values_list("code", flat=True)))
            if unknown:
                raise CommandError(
                    _("No current province has the code(s) %(codes)s.") % {"codes": ", ".join(unknown)}
                )
        else:
            provinces = provinces.filter(children__level=UnitLevel.COMMUNE).distinct()
        chosen = list(provinces.order_by("code"))
        created = 0
        with action_context(source="cli"), transaction.atomic():
            for done, province in enumerate(chosen, start=1):
                try:
                    bodies = commune_bodies_create(actor=None, province=province)
                except ValidationError as exc:
                    raise CommandError(error_text(exc)) from None
                created += len(bodies)
                self.stderr.write(
                    _("[%(done)d/%(total)d] province %(code)s: %(created)d bodies created")
                    % {"done": done, "total": len(chosen), "code": province.code, "created": len(bodies)}
                )
        self.stdout.write(
            _("Commune-level bodies of %(provinces)d province(s): %(created)d created (%(seconds).1f s).")
            % {"provinces": len(chosen), "created": created, "seconds": time.perf_counter() - started}
        )
