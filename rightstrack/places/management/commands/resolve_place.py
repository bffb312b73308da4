"""`rightstrack places resolve NAME`: what a place name means, and which unit holds that territory now."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.context import action_context
from rightstrack.places.choices import UnitLevel
from rightstrack.places.models import AdministrativeUnit
from rightstrack.places.resolve import AMBIGUOUS, RESOLVED, UNKNOWN, resolve_place


def describe(unit: AdministrativeUnit) -> str:
    """'Bà Rịa - Vũng Tàu — tỉnh, province 77, until 2025-06-30'."""
    parts = [unit.kind, f"{unit.get_level_display()} {unit.code}".strip()]
    if unit.valid_from:
        parts.append(_("from %(day)s") % {"day": unit.valid_from.isoformat()})
    if unit.valid_to:
        parts.append(_("until %(day)s") % {"day": unit.valid_to.isoformat()})
    if unit.parent_id and unit.level == UnitLevel.COMMUNE:
        parts.append(str(unit.parent))
    return f"{unit.name} — {', '.join(p for p in parts if p)}"


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]
        "Resolve a place name (any case, with or without diacritics, hyphens or 'tỉnh'/'thành phố') "
        "to a unit "
        "and to the unit(s) holding its territory on the date given (default today). Exits with status 1 "
        "when the name is unknown or ambiguous, after listing the candidates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="+", help=_("the place name; several words are joined"))
        parser.add_argument("--level", choices=UnitLevel.values, help=_("only units of this level"))
        parser.add_argument("--on", type=datetime.date.fromisoformat, help=_("reference date, YYYY-MM-DD"))

    def handle(self, *args: Any, **options: Any) -> None:
        query = " ".join(options["name"])
        on = options["on"] or timezone.localdate()
        with action_context(source="cli"):
            result = resolve_place(query, level=options["level"], on=on)
        labels = {RESOLVED: _("resolved"), AMBIGUOUS: _("ambiguous"), UNKNOWN: _("unknown")}
        self.stdout.write(_("“%(query)s”: %(status)s") % {"query": query, "status": labels[result.status]})
        if result.unit is not None:
            self.stdout.write("  " + _("unit: %(unit)s") % {"unit": describe(result.unit)})
            if result.current and result.current != [result.unit]:
                self.stdout.write("  " + _("on %(day)s its territory belongs to:") % {"day": on.isoformat()})
                for unit in result.current:
                    self.stdout.write(f"    {describe(unit)}")
            elif not result.current:
                self.stdout.write("  " + _("no successor is recorded for %(day)s.") % {"day": on.isoformat()})
        if result.status != RESOLVED:
            if result.candidates:
                self.stdout.write("  " + _("candidates:"))
                for unit in result.candidates:
                    self.stdout.write(f"    {describe(unit)}")
            else:
                self.stdout.write("  " + _("no candidates."))
            raise CommandError(
                _("“%(query)s” is %(status)s; be more precise or pick a candidate.")
                % {"query": query, "status": labels[result.status]},
                returncode=1,
            )
