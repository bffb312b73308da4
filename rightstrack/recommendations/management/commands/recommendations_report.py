"""`rightstrack recommendations report {midterm,national,matrix} -o FILE`: the reports back (foreground)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.context import action_context
from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.core.scope import scope_root
from rightstrack.core.views.errors import error_text
from rightstrack.recommendations import reports


class Command(BaseCommand):
    help = (
        "Write the mid-term report or the national report draft (Word, official layout, grouped by cluster "
        "or theme) or the matrix of every recommendation (Excel)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=reports.KINDS)
        parser.add_argument(
            "-o", "--output", required=True, help="the file to write (.docx, or .xlsx for the matrix)"
        )
        parser.add_argument("--by", choices=("cluster", "theme"), default="cluster", help="how to group them")
        parser.add_argument(
            "--filter", default="", help="the list's filters as a query string, e.g. 'mechanism=UPR&cycle=4'"
        )
        parser.add_argument(
            "--as", dest="username", help="the recommendations this user sees, under their letterhead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["username"])
        issuer = scope_root(actor) if actor is not None else self._national()
        with action_context(source="cli", actor=actor):
            try:
                built = reports.report_for(
                    actor=actor,
                    kind=options["kind"],
                    by=options["by"],
                    query=options["filter"],
                    issuer=issuer,
                    progress=ConsoleProgress(self.stderr._out),
                )
            except PermissionDenied:
                raise CommandError(_("You do not have permission to do this.")) from None
            except ValidationError as exc:
                raise CommandError(error_text(exc)) from None
        with built.file, Path(options["output"]).open("wb") as target:
            shutil.copyfileobj(built.file, target)
        self.stderr.write(_("Written: %(file)s") % {"file": options["output"]})

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).select_related("body").first()
        if user is None:
            raise CommandError(_("There is no active user “%(username)s”.") % {"username": username})
        return user

    def _national(self) -> Body | None:
        return (
            Body.objects.filter(kind=BodyKind.NATIONAL_COMMITTEE, parent__isnull=True).order_by("pk").first()
        )
