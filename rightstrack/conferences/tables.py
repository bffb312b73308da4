"""The list of conferences."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class ConferenceTable(Table):
    caption = _("Conferences")
    empty_text = _("No conference matches these filters.")
    columns = (
        Column(
            "date",
            _("Date"),
            cell_class="rt-nowrap",
            # One span, so that a phone's stacked row keeps the time under the date, beside the label.
            template='<span><time datetime="{{ record.date|date:\'Y-m-d\' }}">{{ record.date|date:"d/m/Y" }}'
            "</time>{% if record.start_time %}"
            '<span class="rt-secondary-line">{{ record.start_time|time:"H:i" }}</span>{% endif %}</span>',
        ),
        Column(
            "title",
            _("Conference"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.display_title }}</a>"
            '<span class="rt-secondary-line">{{ record.get_kind_display }}</span></span>',
        ),
        Column(
            "place", _("Place"), template='{% include "conferences/_place.html" with place=record.place %}'
        ),
        Column(
            "organiser",
            _("Organising body"),
            template='<a href="{{ record.organiser.get_absolute_url }}">{{ record.organiser.name }}</a>',
        ),
        Column("participant_count", _("Participants"), cell_class="rt-num", header_class="rt-num"),
        Column("presenter_count", _("Presenting"), cell_class="rt-num", header_class="rt-num"),
    )
