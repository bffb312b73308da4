"""`rightstrack demo`: migrate, load Viet Nam's demo data, print the logins, then serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from rightstrack.core.context import action_context


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and serve rightstrack."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Load the data into the database and exit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from rightstrack.demo import DEMO_PASSWORD, load_demo
        from rightstrack.demo_reporting import reporting_demo_summary

        call_command("migrate", interactive=False, verbosity=0)
        with action_context(source="cli"):
            summary = load_demo()
        places = summary.places
        self.stdout.write(
            f"Demo data ready: {summary.bodies_created} bodies and {summary.memberships_created} memberships "
            f"added; places: {places}."
        )
        self.stdout.write(reporting_demo_summary())
        self.stdout.write(f"\nSign in at http://{options['addrport']}/ with password {DEMO_PASSWORD!r} as:")
        width = max(len(u) for u, _, _ in summary.users)
        for username, role, body in summary.users:
            self.stdout.write(f"  {username:<{width}}  {role} — {body}")
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("rightstrack_serve", options["addrport"])
