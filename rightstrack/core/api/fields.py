"""Serializer fields that keep an API client inside its scope."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rightstrack.core.scope import scoped

NOT_FOUND = _("Not found, or not within your scope.")


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key by id, looked up within the requesting user's scope.

    An id outside the scope and an id that does not exist give the same error, word for word, so the API
    is no oracle for what exists elsewhere. The browsable API and the schema see the scoped choices too.
    """

    default_error_messages = {"does_not_exist": NOT_FOUND, "incorrect_type": NOT_FOUND}

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        assert queryset is not None, "a scoped related field is for writable fields, which have a queryset"
        request = self.context.get("request")
        user: Any = getattr(request, "user", None)
        return scoped(user, queryset.all())
