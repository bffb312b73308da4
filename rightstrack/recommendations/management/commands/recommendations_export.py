"""`rightstrack recommendations export --format {json,csv,xlsx} [-o FILE]`: every recommendation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from rightstrack.exchange import un_recommendations as un
from rightstrack.recommendations.exports import EXPORT_FIELDS, records
from rightstrack.recommendations.models import Recommendation


class Command(BaseCommand):
    help = "Export the recommendations as JSON (a list of objects), CSV (UTF-8) or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=("json", "csv", "xlsx"), default="json")
        parser.add_argument(
            "-o", "--output", help="the file to write (default: standard output; not for xlsx)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, output = options["format"], options["output"]
        rows = records(Recommendation.objects.all())
        if fmt == "json":
            content = un.records_to_json(rows)
        elif fmt == "csv":
            content = un.records_to_csv(rows, EXPORT_FIELDS)
        else:
            if not output:
                raise CommandError(_("An Excel file needs a name: give -o FILE.xlsx."))
            content = un.records_to_xlsx(rows, EXPORT_FIELDS, title="Recommendations")
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(_("Written: %(file)s") % {"file": output})
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
