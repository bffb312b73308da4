"""`rightstrack places load-communes [--province CODE ...]`: the shipped communes of 1 July 2025."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.context import action_context
from rightstrack.core.views.errors import error_text
from rightstrack.places.services import communes_load_2025


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Load the communes (xã, phường, đặc khu) of the 34 provinces from 1 July 2025 from the data shipped "
        "with rightstrack (vietnamadminunits, MIT), all provinces or those named by their GSO code. The "
        "provinces must be loaded first (rightstrack load_places). Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="extend",
            nargs="+",
            metavar="CODE",
            help=_("a province's GSO code (79, 01 …); repeat or list several; default: all 34"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def progress(done: int, total: int, code: str, communes: int) -> None:
            self.stderr.write(
                _("[%(done)d/%(total)d] province %(code)s: %(communes)d communes")
                % {"done": done, "total": total, "code": code, "communes": communes}
            )

        with action_context(source="cli"):
            try:
                result = communes_load_2025(actor=None, provinces=options["province"], progress=progress)
            except ValidationError as exc:
                raise CommandError(error_text(exc)) from None
        self.stdout.write(
            _(
                "Communes of %(provinces)d province(s): %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged (%(seconds).1f s)."
            )
            % {
                "provinces": len(result.provinces),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "seconds": time.perf_counter() - started,
            }
        )
