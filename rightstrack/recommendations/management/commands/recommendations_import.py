"""`rightstrack recommendations import FILE [--dry-run]`: the UN's recommendations from their own files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.context import action_context
from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.core.views.errors import error_text
from rightstrack.exchange import un_recommendations as un
from rightstrack.recommendations import imports

HELP = """Import recommendations from a UN file; the format is found by its content:
  - a UHRI export (Excel .xlsx, CSV in UTF-8, UTF-16 or Windows-1258, or JSON),
  - an OHCHR "Thematic list of recommendations" (the Word document, or its text as Markdown).

The dry run comes first: each row is to be created, updated or skipped, with the reason, and every problem
with its row and column. A file with any problem marked "error" is imported not at all. Importing the same
file again changes nothing (recommendations are matched on UHRI's id, else mechanism + session + number).

Any other CSV, Excel or JSON file (a list of objects, their keys being the columns): say which column holds
what, as COLUMN=FIELD pairs, comma-separated,
  --map "Nội dung=text,Số=number,Quốc gia khuyến nghị=recommending_states" --mechanism UPR
or in a JSON file ({"Nội dung": "text", "Số": "number"}) with --map-file mapping.json (for headers that
hold a comma or "="). A column is its header's text, or its position counting from 0. Fields: %(fields)s.
Without a mechanism column, --mechanism gives every row's (UPR, CCPR, CRC, …, SP).
"""


class Command(BaseCommand):
    help = HELP % {"fields": ", ".join(un.TARGETS)}

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        from argparse import RawDescriptionHelpFormatter

        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--dry-run", action="store_true", help="show what would change; save nothing")
        parser.add_argument(
            "--owner", help="code of the body that keeps them (default: the national committee)"
        )
        parser.add_argument("--session", help="the UPR session, when the document does not say (e.g. 48)")
        parser.add_argument("--as", dest="username", help="act as this user (their permissions are checked)")
        parser.add_argument(
            "--map", dest="mapping", help='the columns of a CSV/XLSX/JSON: "Text=text,Số=number,..."'
        )
        parser.add_argument("--map-file", help="the columns as a JSON object {column: field}")
        parser.add_argument("--mechanism", default="", help="every row's mechanism when no column holds it")
        parser.add_argument("--verbose-rows", action="store_true", help="list every row, not only a summary")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        actor = self._actor(options["username"])
        owner = self._owner(options["owner"])
        mapping = self._mapping(options["mapping"], options["map_file"])
        columns: dict[str, Any] = {"mapping": mapping, "mechanism": options["mechanism"] or ""}
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from None
        with handle, action_context(source="cli", actor=actor):
            try:
                plan = imports.import_plan(
                    actor=actor,
                    owner=owner,
                    file=handle,
                    name=path.name,
                    session=options["session"],
                    **columns,
                )
                self._print_plan(plan, every_row=options["verbose_rows"])
                if plan.errors:
                    raise CommandError(
                        _("Nothing was imported from %(file)s: %(count)s error(s), listed above.")
                        % {"file": path.name, "count": len(plan.errors)}
                    )
                if options["dry_run"]:
                    self.stdout.write(_("Dry run: nothing was saved."))
                    return
                handle.seek(0)
                result = imports.import_apply(
                    actor=actor,
                    owner=owner,
                    file=handle,
                    name=path.name,
                    session=options["session"],
                    progress=ConsoleProgress(self.stderr._out),
                    **columns,
                )
            except (Http404, PermissionDenied):
                raise CommandError(
                    _("Nothing was imported: you may not import recommendations for this body.")
                ) from None
            except ValidationError as exc:
                raise CommandError(
                    _("Nothing was imported from %(file)s: %(reason)s")
                    % {"file": path.name, "reason": error_text(exc)}
                ) from None
        self.stdout.write(
            _("Imported %(file)s: %(created)s created, %(updated)s updated, %(skipped)s unchanged.")
            % {"file": path.name, **result.as_dict()}
        )

    def _mapping(self, text: str | None, file: str | None) -> dict[str, Any] | None:
        """{field: column} from --map or --map-file (None: the format is found by content)."""
        try:
            if file:
                try:
                    value = json.loads(Path(file).read_text(encoding="utf-8-sig"))
                except (OSError, ValueError) as exc:
                    raise CommandError(
                        _("Cannot read the mapping file %(file)s: %(error)s") % {"file": file, "error": exc}
                    ) from None
                if not isinstance(value, dict):
                    raise CommandError(
                        _('The mapping file must hold one JSON object: {"column": "field", …}.')
                    )
                return un.mapping_from_columns(value)
            if text:
                return un.parse_mapping_text(text)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from None
        return None

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).select_related("body").first()
        if user is None:
            raise CommandError(_("There is no active user “%(username)s”.") % {"username": username})
        return user

    def _owner(self, code: str | None) -> Body:
        if code:
            body = Body.objects.filter(code=code).first()
            if body is None:
                raise CommandError(_("There is no body with the code “%(code)s”.") % {"code": code})
            return body
        body = (
            Body.objects.filter(kind=BodyKind.NATIONAL_COMMITTEE, parent__isnull=True).order_by("pk").first()
        )
        if body is None:
            raise CommandError(
                _("There is no national committee to keep the recommendations; give --owner CODE.")
            )
        return body

    def _print_plan(self, plan: imports.ImportPlan, *, every_row: bool) -> None:
        counts = plan.counts
        self.stdout.write(
            _("%(format)s%(encoding)s: %(create)s to create, %(update)s to update, %(skip)s to skip.")
            % {
                "format": imports.format_label(plan.format),
                "encoding": f" ({plan.encoding})" if plan.encoding else "",
                "create": counts[imports.CREATE],
                "update": counts[imports.UPDATE],
                "skip": counts[imports.SKIP],
            }
        )
        if every_row:
            for row in plan.rows:
                self.stdout.write(f"  {row.row}: {row.action} {row.number} — {row.reason}")
        for problem in plan.problems:
            level = _("error") if problem.level == "error" else _("warning")
            self.stdout.write(f"  {level}: {imports.describe(problem)}")
