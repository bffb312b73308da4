"""The user's own messages: unread first; opening one marks it read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django_filters.views import FilterView
from django_filters.widgets import BooleanWidget

from rightstrack.core.views import FilterErrorsAre400Mixin, PermissionMixin
from rightstrack.notifications import selectors, services
from rightstrack.notifications.filters import NotificationFilterSet
from rightstrack.notifications.models import Notification


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


class NotificationListView(FilterErrorsAre400Mixin, PermissionMixin, FilterView):
    """Messages are personal: administrators too see only their own here."""

    filterset_class = NotificationFilterSet
    template_name = "notifications/notification_list.html"
    paginate_by = 50

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


class NotificationReadView(PermissionMixin, View):
    """Mark one message read; with ``open``, go on to what it is about."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = get_object_or_404(selectors.notifications_for(user=self.actor), pk=pk)
        services.notification_mark_read(actor=self.actor, notification=notification)
        if request.POST.get("open") and notification.url:
            return HttpResponseRedirect(_safe(request, notification.url))
        return HttpResponseRedirect(_safe(request, request.POST.get("next", "")))


class NotificationReadAllView(PermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        count = services.notifications_mark_all_read(actor=self.actor)
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked as read.", "%(count)s notifications marked as read.", count
            )
            % {"count": count},
        )
        return HttpResponseRedirect(_safe(request, request.POST.get("next", "")))
