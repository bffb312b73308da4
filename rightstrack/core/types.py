"""Types every app shares without importing the app that defines them.

``Actor`` is the project's user model (``settings.AUTH_USER_MODEL``): mypy's Django plugin expands
django-stubs' ``_User`` alias to that model, so services in places and bodies type their ``actor`` exactly
without importing accounts, which sits above them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as Actor
else:
    from django.contrib.auth.base_user import AbstractBaseUser as Actor

__all__ = ["Actor"]
