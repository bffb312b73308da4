"""`rightstrack places import-communes FILE.csv`: load communes from a file the user supplies, all or none."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.core.context import action_context
from rightstrack.places.services import (
    COMMUNE_COLUMNS_OPTIONAL,
    COMMUNE_COLUMNS_REQUIRED,
    CommuneImportError,
    communes_import,
)

HELP = """Import communes (xã, phường, thị trấn, đặc khu) from a CSV file, all rows or none.

The file is UTF-8 text ("CSV UTF-8" in a spreadsheet), separated by commas (semicolons and tabs are
recognised too). Its first line names the columns, in any order:

  code             required  the commune's official code, e.g. 26734
  name             required  e.g. "Bến Thành" or "Phường Bến Thành" (the kind word moves to 'kind')
  province         required  the province's name ("Hồ Chí Minh", "TP.HCM") or GSO code ("79"), as it was
                             on the commune's valid_from date (or --valid-from, or today)
  kind             optional  xã, phường, thị trấn, đặc khu
  name_en          optional  English name
  valid_from       optional  YYYY-MM-DD or DD/MM/YYYY; defaults to --valid-from
  valid_to         optional  the commune's last day
  successor_codes  optional  codes of the communes that took over its territory the day after valid_to,
                             separated by ';' (in this file or already loaded)
  legal_basis      optional  the decision or resolution behind the succession

Other columns are ignored (and named in the output). Any problem (an unknown or ambiguous province, a code
already used in the same period, valid_to before valid_from, a file that is not UTF-8, a missing column) is
reported with its line number, every problem at once, and nothing is imported.
"""


class Command(BaseCommand):
    help = gettext_lazy(HELP)  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        from argparse import RawDescriptionHelpFormatter

        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the CSV file, or - to read standard input"))
        parser.add_argument(
            "--valid-from",
            type=datetime.date.fromisoformat,
            help=_("start date (YYYY-MM-DD) for rows that give none; provinces are looked up as of it"),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("check everything, import nothing"))

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from None
        with action_context(source="import"):
            try:
                result = communes_import(
                    data=data,
                    valid_from=options["valid_from"],
                    dry_run=options["dry_run"],
                    source=_("import: %(file)s") % {"file": Path(path).name},
                )
            except CommuneImportError as exc:
                lines = "\n".join(f"  {error}" for error in exc.errors)
                raise CommandError(
                    _("Nothing was imported: %(count)d problem(s) in %(file)s.")
                    % {"count": len(exc.errors), "file": path}
                    + "\n"
                    + lines
                ) from None
        if result.ignored_columns:
            self.stdout.write(
                _("Ignored column(s): %(columns)s (known columns: %(known)s).")
                % {
                    "columns": ", ".join(result.ignored_columns),
                    "known": ", ".join(COMMUNE_COLUMNS_REQUIRED + COMMUNE_COLUMNS_OPTIONAL),
                }
            )
        message = (
            _(
                "Dry run: %(created)d commune(s) and %(successions)d succession(s) would be imported; "
                "nothing was "
                "changed."
            )
            if result.dry_run
            else _("Imported %(created)d commune(s) and %(successions)d succession(s).")
        )
        self.stdout.write(message % {"created": result.created, "successions": result.successions})
