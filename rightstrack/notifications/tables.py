"""The inbox."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class NotificationTable(Table):
    caption = _("Your notifications, unread first")
    empty_text = _("No notification matches these filters.")
    css_class = "table align-middle rt-stack rt-inbox"
    row_class = "{% if record.read_at %}rt-read{% else %}rt-unread{% endif %}"
    columns = (
        Column("message", _("Message"), template='{% include "notifications/_message_cell.html" %}'),
        Column("kind", _("Kind"), accessor="get_kind_display"),
        Column(
            "received",
            _("Received"),
            cell_class="rt-nowrap",
            template='{{ record.created_at|date:"d/m/Y H:i" }}',
        ),
        Column(
            "actions",
            _("Actions"),
            cell_class="text-end rt-stack-skip",
            label_hidden=True,
            stacked_label=False,
            template='{% include "notifications/_actions_cell.html" %}',
        ),
    )
