"""The list of proposals."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rightstrack.core.tables import Column, Table

gettext_noop("merged into")  # said by a cell's template below


class ProposalTable(Table):
    caption = _("Proposals")
    empty_text = _("No proposal matches these filters.")
    columns = (
        Column(
            "submitted_on",
            _("Submitted on"),
            cell_class="rt-nowrap",
            template='{{ record.submitted_on|date:"d/m/Y" }}',
        ),
        Column(
            "topic",
            _("Proposal"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.topic }}</a>"
            '<span class="rt-secondary-line">{{ record.get_kind_display }} · {{ record.authority }}'
            "</span></span>",
        ),
        Column("body", _("Proposing body"), template="{{ record.body.name }}"),
        Column(
            "status",
            _("Status"),
            template='<span class="rt-status rt-status-{{ record.status }}">'
            "{{ record.get_status_display }}</span>"
            '{% if record.merged_into %}<span class="rt-secondary-line">{% translate "merged into" %} '
            "{{ record.merged_into.topic|truncatechars:40 }}</span>{% endif %}",
        ),
        Column("source_count", _("Source passages"), cell_class="rt-num", header_class="rt-num"),
    )
