"""`rightstrack activities import FILE.xlsx --body CODE [--dry-run]`: activities from a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.accounts.models import User
from rightstrack.activities.imports import activities_import_xlsx
from rightstrack.bodies.models import Body
from rightstrack.core.context import action_context
from rightstrack.core.jobs.console import ConsoleProgress

HELP = """Import a body's activities from a spreadsheet (.xlsx, the template's columns).

Every row is checked first: missing columns, text in number columns, dates in a format not understood
(dd/mm/yyyy, yyyy-mm-dd and Excel's own dates are), unknown kinds or audience groups, rows entered twice in
the file or already recorded. Every problem is printed with its row and column, and then nothing is saved.
With --dry-run the rows that would be imported are printed and nothing is saved.
"""


class Command(BaseCommand):
    help = gettext_lazy(HELP)  # type: ignore[assignment]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the spreadsheet (.xlsx)"))
        parser.add_argument(
            "--body", required=True, help=_("the code of the body whose activities these are")
        )
        parser.add_argument(
            "--as",
            dest="username",
            help=_("act as this user (their permissions are checked and the import is recorded as theirs)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("show what would be imported, save nothing")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        body = Body.objects.filter(code=options["body"]).first()
        if body is None:
            raise CommandError(_("There is no body with the code “%(code)s”.") % {"code": options["body"]})
        actor = None
        if options["username"]:
            actor = User.objects.filter(username=options["username"], is_active=True).first()
            if actor is None:
                raise CommandError(
                    _("There is no active user “%(username)s”.") % {"username": options["username"]}
                )
        try:
            with path.open("rb") as handle, action_context(source="import", actor=actor):
                report = activities_import_xlsx(
                    actor=actor,
                    body=body,
                    file=handle,
                    dry_run=options["dry_run"],
                    progress=ConsoleProgress(self.stderr._out),
                )
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from None
        except ValidationError as exc:
            raise CommandError(
                _("Nothing was imported: %(reasons)s") % {"reasons": " ".join(exc.messages)}
            ) from None
        except (Http404, PermissionDenied):
            raise CommandError(
                _("Nothing was imported: %(user)s may not record activities of %(body)s.")
                % {"user": options["username"], "body": body.code}
            ) from None
        if report.errors:
            for error in report.errors:
                self.stderr.write(error["text"])
            raise CommandError(
                _("Nothing was imported: %(count)s problems in %(file)s.")
                % {"count": len(report.errors), "file": path.name}
            )
        for row in report.rows:
            self.stdout.write(
                f"{row['row']}\t{row['date']}\t{row['kind']}\t{row['topic']}\t{row['participants']}\t"
                f"{row['officials_trained']}"
            )
        if report.saved:
            self.stdout.write(
                _("Imported %(count)s activities of %(body)s from %(file)s.")
                % {"count": report.created, "body": body.code, "file": path.name}
            )
        else:
            self.stdout.write(
                _("Dry run: %(count)s activities would be imported; nothing was saved.")
                % {"count": len(report.rows)}
            )
