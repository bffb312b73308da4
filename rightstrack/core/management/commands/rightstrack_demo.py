"""`rightstrack demo`: migrate, run every app's registered demo loader, print the logins, then serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rightstrack.core.context import action_context
from rightstrack.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and serve rightstrack."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the data into the database and exit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        with action_context(source="cli"):
            results = [result for _app, result in load_demo()]
        self.stdout.write("Demo data ready.")
        for result in results:
            for line in result.lines:
                self.stdout.write(line)
        logins = [login for result in results for login in result.logins]
        password = next((result.password for result in results if result.password), "")
        if logins:
            self.stdout.write(f"\nSign in at http://{options['addrport']}/ with password {password!r} as:")
            width = max(len(login.username) for login in logins)
            for login in logins:
                self.stdout.write(f"  {login.username:<{width}}  {login.role} — {login.body}")
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("rightstrack_serve", options["addrport"])
