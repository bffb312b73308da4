"""`rightstrack createadmin`: an administrator in the national committee (prompts for what is not given)."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.accounts.choices import Role
from rightstrack.accounts.services import user_create
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.context import action_context


class Command(BaseCommand):
    help = "Create an administrator account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help="Prefer the prompt; a password on the command line is visible to others."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"] or input("Username: ").strip()
        password = options["password"] or getpass.getpass("Password: ")
        body = Body.objects.filter(kind=BodyKind.NATIONAL_COMMITTEE).order_by("path").first()
        with action_context(source="cli"):
            try:
                user_create(
                    actor=None,
                    username=username,
                    body=body,
                    role=Role.ADMIN,
                    password=password,
                    email=options["email"],
                    superuser=True,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Administrator {username} created."))
