"""`rightstrack report import-docx FILE --body CODE --cycle ID`: a body's Word report into its report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.accounts.models import User
from rightstrack.bodies.models import Body
from rightstrack.core.context import action_context
from rightstrack.core.scope import ensure_can
from rightstrack.core.views.errors import error_text
from rightstrack.exchange import import_plan
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.models import Report
from rightstrack.reporting.services import imports

HELP = """Import a body's report for a cycle from a Word document (.docx).

The document's headings are matched to the sections of the report's template; the text under each heading
goes into the section it names. Text that matches no section (and anything before the first heading) is kept
as the report's "text not yet placed in a section", never dropped; the writer moves it in the report page.
Matched sections replace those sections' text; the other sections and the figures are left as they are.

The plan (section ← heading) is printed first. With --dry-run nothing is saved. A file that is not a readable
Word document, or a report that can no longer be edited, is refused with a message and nothing changes.
"""


def _move(value: str) -> tuple[str, str]:
    part, sep, key = value.partition("=")
    if not sep or not part.strip() or not key.strip():
        raise ValueError(value)
    return part.strip(), key.strip()


class Command(BaseCommand):
    help = gettext_lazy(HELP)  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        from argparse import RawDescriptionHelpFormatter

        return super().create_parser(
            prog_name, subcommand, formatter_class=RawDescriptionHelpFormatter, **kwargs
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the Word document (.docx)"))
        parser.add_argument("--body", required=True, help=_("the code of the body whose report this is"))
        parser.add_argument("--cycle", required=True, type=int, help=_("the id of the reporting cycle"))
        parser.add_argument(
            "--as",
            dest="username",
            help=_("act as this user (their permissions are checked and the import is recorded as theirs)"),
        )
        parser.add_argument(
            "--move",
            action="append",
            default=[],
            type=_move,
            metavar="PART=SECTION",
            help=_("send a part of the document to another section (or 'unplaced'); may be repeated"),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("show the plan, save nothing"))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        actor = self._actor(options["username"])
        report = self._report(options["body"], options["cycle"])
        if actor is not None:
            try:
                ensure_can(actor, "reporting.change_report", report)
            except (Http404, PermissionDenied):
                raise CommandError(
                    _("Nothing was imported: %(user)s may not change the report of %(body)s.")
                    % {"user": actor.username, "body": report.body.code}
                ) from None
        try:
            with path.open("rb") as handle:
                plan = imports.import_plan(report, handle, moves=dict(options["move"]) or None)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
            ) from None
        except ValidationError as exc:
            raise self._refused(path, exc) from None
        self._print_plan(report, plan)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was saved."))
            return
        with action_context(source="import", actor=actor):
            try:
                saved = imports.import_apply(
                    actor=actor, report=report, plan=plan, expected_version=report.version
                )
            except StaleReport:
                raise CommandError(
                    _(
                        "Nothing was imported: the report changed while the file was read. "
                        "Run the command again."
                    )
                ) from None
            except ValidationError as exc:
                raise self._refused(path, exc) from None
        self.stdout.write(
            _(
                "Imported %(file)s into the report of %(body)s "
                "(report %(report)s, now at version %(version)s)."
            )
            % {"file": path.name, "body": report.body.code, "report": saved.pk, "version": saved.version}
        )

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).select_related("body").first()
        if user is None:
            raise CommandError(_("There is no active user “%(username)s”.") % {"username": username})
        return user

    def _report(self, code: str, cycle_id: int) -> Report:
        body = Body.objects.filter(code=code).first()
        if body is None:
            raise CommandError(_("There is no body with the code “%(code)s”.") % {"code": code})
        report = (
            Report.objects.select_related("cycle", "body", "template")
            .filter(cycle_id=cycle_id, body=body)
            .first()
        )
        if report is None:
            raise CommandError(
                _(
                    "%(body)s has no report in cycle %(cycle)s: check the cycle id, that the body takes part "
                    "in it and that the cycle has been opened."
                )
                % {"body": code, "cycle": cycle_id}
            )
        return report

    def _refused(self, path: Path, exc: ValidationError) -> CommandError:
        return CommandError(
            _("Nothing was imported from %(file)s: %(reason)s")
            % {"file": path.name, "reason": error_text(exc)}
        )

    def _print_plan(self, report: Report, plan: import_plan.ImportPlan) -> None:
        titles = {s.key: s.display_title for s in report.template.sections.all()}
        self.stdout.write(
            _("Report of %(body)s for “%(cycle)s”:")
            % {"body": report.body.code, "cycle": report.cycle.display_name}
        )
        unplaced = 0
        for part in plan.parts:
            if part.target == import_plan.UNPLACED:
                unplaced += 1 if part.html else 0
                continue
            label = part.heading or _("(text before the first heading)")
            self.stdout.write(f"  {part.id}: {titles.get(part.target, part.target)} ← {label}")
        not_placed = _("not placed")
        for part in plan.parts:
            if part.target == import_plan.UNPLACED and part.html:
                label = part.heading or _("(text before the first heading)")
                self.stdout.write(f"  {part.id}: {not_placed} ← {label}")
        self.stdout.write(
            _(
                "%(sections)d section(s) filled; "
                "%(unplaced)d part(s) not placed in a section (kept, not dropped)."
            )
            % {"sections": len(plan.assignments), "unplaced": unplaced}
        )
