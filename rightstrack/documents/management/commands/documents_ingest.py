"""`rightstrack documents ingest PATH... [--body CODE] [--kind KIND]`: files, folders and ZIPs, in bulk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.bodies.models import Body
from rightstrack.core.context import action_context
from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.documents.choices import DocumentKind
from rightstrack.documents.services import document_ingest_many, path_entries

HELP = """Keep documents (PDF with a text layer, Word, saved web pages, text) from files, folders and ZIPs.

Each file is read on its own: its text, language, title and date; an article's meeting facts. The same text
already kept is reported as a duplicate, a refused file with its reason; the rest go on. Progress goes to
stderr; one JSON line per file to stdout. Exit status 1 when any file was refused.
"""


class Command(BaseCommand):
    help = gettext_lazy(HELP)  # type: ignore[assignment]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help=_("files, folders or ZIP archives"))
        parser.add_argument(
            "--body", help=_("the code of the body that keeps them (default: the national committee)")
        )
        parser.add_argument("--kind", choices=DocumentKind.values, default=DocumentKind.ARTICLE,
                            help=_("the kind of the documents"))  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        body = self._body(options.get("body"))
        missing = [p for p in options["paths"] if not Path(p).exists()]
        if missing:
            raise CommandError(_("No such file or folder: %(paths)s") % {"paths": ", ".join(missing)})
        entries = path_entries(options["paths"])
        with action_context(source="cli"):
            summary = document_ingest_many(
                actor=None,
                body=body,
                entries=entries,
                kind=options["kind"],
                progress=ConsoleProgress(self.stderr._out),
            )
        for outcome in summary.outcomes:
            self.stdout.write(json.dumps(outcome.__dict__, ensure_ascii=False))
            if outcome.status == "refused":
                self.stderr.write(f"{outcome.name}: {outcome.message}")
        self.stderr.write(
            _("%(added)s kept, %(duplicates)s already kept, %(refused)s refused.")
            % {
                "added": summary.count("added"),
                "duplicates": summary.count("duplicate"),
                "refused": summary.count("refused"),
            }  # fmt: skip
        )
        if summary.count("refused"):
            raise SystemExit(1)

    def _body(self, code: str | None) -> Body:
        from rightstrack.bodies.choices import BodyKind

        if code:
            body = Body.objects.filter(code=code).first()
            if body is None:
                raise CommandError(_("There is no body with the code %(code)s.") % {"code": code})
            return body
        body = Body.objects.filter(kind=BodyKind.NATIONAL_COMMITTEE).order_by("pk").first()
        if body is None:
            raise CommandError(_("There is no national committee: name the body with --body CODE."))
        return body
