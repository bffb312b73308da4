"""`rightstrack report export (--cycle ID | --all) --format {docx,pdf,xlsx} -o DIR`: reports out as files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from rightstrack.core.context import action_context
from rightstrack.core.jobs.console import ConsoleProgress
from rightstrack.core.views.errors import error_text
from rightstrack.reporting import selectors
from rightstrack.reporting.models import Report, ReportingCycle
from rightstrack.reporting.services import exports
from rightstrack.reporting.services import official as official_format

FORMATS = ("docx", "pdf", "xlsx")
HELP = """Export reports as files into a folder (created if missing).

  --format docx   one editable Word document per report (its headings re-import into the same sections)
  --format pdf    one PDF per report
  --format xlsx   one workbook per cycle with every report's figures and the totals

  --official      Word and PDF laid out as administrative documents (Decree 30/2020/NĐ-CP), each under
                  its body's letterhead (the one last used, or what the data suggests), dated today

Files are named after the period and the province (bao-cao-nhan-quyen-2024-ha-noi.docx, and
bao-cao-nhan-quyen-2024-so-lieu.xlsx); existing files are replaced. Labels, dates and names follow
--language (default: the language of these messages).
"""


class Command(BaseCommand):
    help = gettext_lazy(HELP)  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        from argparse import RawDescriptionHelpFormatter

        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--cycle", type=int, help=_("the id of the reporting cycle to export"))
        which.add_argument("--all", action="store_true", help=_("export every cycle"))
        parser.add_argument("--format", required=True, choices=FORMATS, help=_("the kind of file to write"))
        parser.add_argument("-o", "--output", required=True, help=_("the folder to write into"))
        parser.add_argument(
            "--official",
            action="store_true",
            help=_("lay out Word and PDF files as official documents (Decree 30/2020/NĐ-CP)"),
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help=_("the language of the labels in the files"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cycles = self._cycles(options["cycle"])
        folder = Path(options["output"])
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(
                _("Cannot create the folder %(folder)s: %(error)s")
                % {"folder": folder, "error": exc.strerror}
            ) from None
        written = 0
        language = options["language"] or translation.get_language() or settings.LANGUAGE_CODE
        with action_context(source="cli"):
            for cycle in cycles:
                reports = list(selectors.report_detail().filter(cycle=cycle).order_by("body__code"))
                try:
                    written += self._export(
                        cycle, reports, options["format"], folder, language, official=options["official"]
                    )
                except ValidationError as exc:
                    raise CommandError(
                        _("Export of “%(cycle)s” stopped: %(reason)s")
                        % {"cycle": cycle.display_name, "reason": error_text(exc)}
                    ) from None
            self.stdout.write(
                _("%(count)d file(s) written to %(folder)s.") % {"count": written, "folder": folder}
            )

    def _cycles(self, cycle_id: int | None) -> list[ReportingCycle]:
        cycles = selectors.cycle_detail().order_by("period_end", "pk")
        if cycle_id is None:
            found = list(cycles)
            if not found:
                raise CommandError(_("There are no reporting cycles to export."))
            return found
        cycle = cycles.filter(pk=cycle_id).first()
        if cycle is None:
            raise CommandError(_("There is no reporting cycle %(cycle)s.") % {"cycle": cycle_id})
        return [cycle]

    def _export(
        self,
        cycle: ReportingCycle,
        reports: list[Report],
        kind: str,
        folder: Path,
        language: str,
        *,
        official: bool = False,
    ) -> int:
        if kind == "xlsx":
            with translation.override(language):
                name = exports.figures_file_name(cycle)
            path = folder / name
            self._write(path, exports.cycle_figures_xlsx(cycle, reports, language=language))
            return 1
        if not reports:
            self.stdout.write(
                _("“%(cycle)s” has no reports yet (it opens with one draft per participant).")
                % {"cycle": cycle.display_name}
            )
            return 0
        writer = exports.report_to_pdf if kind == "pdf" else exports.report_to_docx
        progress = ConsoleProgress(self.stderr._out)  # a bar on stderr; stdout keeps the list of files
        progress.start(len(reports), gettext_noop("Writing %(count)s files…"), count=len(reports))
        today = timezone.localdate()
        for report in reports:
            with translation.override(language):  # the exporters' labels come from the active language
                heading = official_format.report_official_heading(report, day=today) if official else None
                content = writer(exports.export_report(report, official=heading))
                name = exports.export_file_name(report, kind)
            self._write(folder / name, content)
            progress.advance(message=gettext_noop("Written: %(body)s"), body=report.body.code)
        return len(reports)

    def _write(self, path: Path, content: bytes) -> None:
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from None
        self.stdout.write(_("Wrote %(file)s") % {"file": path})
