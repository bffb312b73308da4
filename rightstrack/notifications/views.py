"""The user's own messages: unread first; opening one marks it read."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters.widgets import BooleanWidget

from rightstrack.core.views.generic import ObjectActionView, ObjectListView
from rightstrack.notifications import selectors, services
from rightstrack.notifications.filters import NotificationFilterSet
from rightstrack.notifications.models import Notification
from rightstrack.notifications.tables import NotificationTable


def _safe(request: HttpRequest, url: str) -> str:
    """``url`` if it stays on this site, else the inbox."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("notifications:notification_list")


class ReadStateWidget(BooleanWidget):
    """All / unread / read, instead of Django's Unknown / Yes / No."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Unread")), ("false", _("Read"))]


class NotificationListView(ObjectListView):
    """Messages are personal: administrators too see only their own here."""

    filterset_class = NotificationFilterSet
    table_class = NotificationTable
    template_name = "notifications/notification_list.html"

    def get_queryset(self) -> QuerySet[Notification]:
        unread_first = Case(
            When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return selectors.notifications_for(user=self.actor).order_by(unread_first, "-created_at", "-id")

    def get_filterset(self, filterset_class: Any) -> Any:
        filterset = super().get_filterset(filterset_class)
        filterset.form.fields["unread"].widget = ReadStateWidget()
        filterset.form.fields["unread"].label = _("Read or unread")
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"unread": selectors.unread_count(user=self.actor)}


class NotificationReadView(ObjectActionView):
    """Mark one message read; with ``open``, go on to what it is about."""

    method_check_first = True  # a GET is refused before the (personal) message is looked up
    http_method_names = ["post"]
    service = services.notification_mark_read

    def get_queryset(self) -> QuerySet[Notification]:
        return selectors.notifications_for(user=self.actor)

    def get_object(self) -> Notification:
        # Personal, not body-scoped: another user's message is simply not in the queryset (404).
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        if self.request.POST.get("open") and self.object.url:
            return _safe(self.request, self.object.url)
        return _safe(self.request, self.request.POST.get("next", ""))


class NotificationReadAllView(ObjectActionView):
    method_check_first = True
    http_method_names = ["post"]
    service = services.notifications_mark_all_read

    def get_success_message(self, result: Any) -> str:
        return ngettext(
            "%(count)s notification marked as read.", "%(count)s notifications marked as read.", result
        ) % {"count": result}

    def get_success_url(self) -> str:
        return _safe(self.request, self.request.POST.get("next", ""))
