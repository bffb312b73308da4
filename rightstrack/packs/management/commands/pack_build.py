"""`rightstrack pack build [--conference ID | --cycle ID [--region CODE]] --format {docx,pdf} -o FILE`."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.conferences.models import Conference
from rightstrack.core.context import action_context
from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.core.views.errors import error_text
from rightstrack.packs.choices import Selection
from rightstrack.packs.models import ConsolidatedPack
from rightstrack.packs.services import FORMATS, pack_build, pack_create
from rightstrack.places.models import Region
from rightstrack.reporting.models import ReportingCycle

HELP = """Build a consolidated pack and write it as Word or PDF.

  --conference ID            the conference's participants, its presenters first, for the cycle it reviews
  --cycle ID                 every participant of the cycle
  --cycle ID --region CODE   the participants whose province is in the region (on the cycle's last day)
  (none of these)            the latest conference that reviews a cycle, else the most recent cycle

The pack is made the first time and reused afterwards: when no source report has changed, its content is
not consolidated again and only the file is written. Progress goes to stderr.
"""


class Command(BaseCommand):
    help = gettext_lazy(HELP)  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        from argparse import RawDescriptionHelpFormatter

        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--conference", type=int, help=_("the id of the conference"))
        parser.add_argument("--cycle", type=int, help=_("the id of the reporting cycle"))
        parser.add_argument("--region", help=_("the code of a region (with --cycle)"))
        parser.add_argument("--format", required=True, choices=FORMATS, help=_("the kind of file to write"))
        parser.add_argument("-o", "--output", required=True, help=_("the file to write"))
        parser.add_argument(
            "--number", default="", help=_("the document's number (blank: left for the registry)")
        )
        parser.add_argument(
            "--place", default="", help=_("the place before the date (default: the letterhead's)")
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help=_("the document's date, YYYY-MM-DD (default: today)"),
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help=_("the language of the labels in the file"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"] or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language), action_context(source="cli"):
            pack = self._pack(options)
            progress = ConsoleProgress(self.stderr._out)
            try:
                built = pack_build(
                    actor=None,
                    pack=pack,
                    file_format=options["format"],
                    progress=progress,
                    number=options["number"],
                    place=options["place"],
                    day=options["date"],
                )
            except ValidationError as exc:
                raise CommandError(
                    _("The pack was not built: %(reason)s") % {"reason": error_text(exc)}
                ) from None
        path = Path(options["output"])
        try:
            path.write_bytes(built.content)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from None
        self.stdout.write(_("Wrote %(file)s") % {"file": path})

    def _pack(self, options: dict[str, Any]) -> ConsolidatedPack:
        if options["region"] and not options["cycle"]:
            raise CommandError(_("--region goes with --cycle."))
        if options["conference"] and options["cycle"]:
            raise CommandError(_("Name a conference or a cycle, not both."))
        conference = None
        if options["conference"]:
            conference = Conference.objects.filter(pk=options["conference"]).first()
            if conference is None:
                raise CommandError(_("There is no conference %(id)s.") % {"id": options["conference"]})
        elif not options["cycle"]:
            conference = Conference.objects.filter(cycle__isnull=False).order_by("-date", "-pk").first()
        if conference is not None:
            pack = ConsolidatedPack.objects.filter(conference=conference).order_by("pk").first()
            if pack is not None:
                return pack
            try:
                return pack_create(actor=None, conference=conference)
            except ValidationError as exc:
                raise CommandError(
                    _("The pack was not made: %(reason)s") % {"reason": error_text(exc)}
                ) from None
        if options["cycle"]:
            cycle = ReportingCycle.objects.filter(pk=options["cycle"]).first()
            if cycle is None:
                raise CommandError(_("There is no reporting cycle %(cycle)s.") % {"cycle": options["cycle"]})
        else:
            cycle = ReportingCycle.objects.order_by("-period_end", "-pk").first()
            if cycle is None:
                raise CommandError(_("There are no reporting cycles."))
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(
                    _("There is no region with the code %(code)s.") % {"code": options["region"]}
                )
        selection = Selection.REGION if region is not None else Selection.ALL
        existing = ConsolidatedPack.objects.filter(
            cycle=cycle, selection=selection, region=region, conference__isnull=True
        ).order_by("pk")
        pack = existing.first()
        if pack is not None:
            return pack
        try:
            return pack_create(actor=None, cycle=cycle, selection=selection, region=region)
        except ValidationError as exc:
            raise CommandError(_("The pack was not made: %(reason)s") % {"reason": error_text(exc)}) from None
