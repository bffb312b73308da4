"""The list of users."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class UserTable(Table):
    caption = _("Users")
    empty_text = _("No user matches these filters.")
    columns = (
        Column(
            "username",
            _("User name"),
            template='<a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record.username }}</a>',
        ),
        Column("name", _("Name"), accessor="get_full_name"),
        Column("role", _("Role"), accessor="get_role_display"),
        Column("body", _("Body"), accessor="body.name"),
        Column(
            "status",
            _("Status"),
            template="<span>{% if record.is_active %}"
            '<span class="rt-status rt-status-active">{% translate "active" %}</span>{% else %}'
            '<span class="rt-status rt-status-ended">{% translate "inactive" %}</span>{% endif %}</span>',
        ),
    )
