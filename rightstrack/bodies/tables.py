"""The list of bodies."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class BodyTable(Table):
    caption = _("Bodies")
    empty_text = _("No body matches these filters.")
    columns = (
        Column(
            "name",
            _("Name"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record.name }}</a>'
            '{% if record.name_en %}<span class="rt-secondary-line" lang="en">{{ record.name_en }}</span>'
            "{% endif %}</span>",
        ),
        Column("kind", _("Kind"), accessor="get_kind_display"),
        Column(
            "unit",
            _("Unit"),
            template="{% if record.unit %}"
            '<a href="{{ record.unit.get_absolute_url }}">{{ record.unit.name }}</a>{% else %}—{% endif %}',
        ),
        Column("member_count", _("Current members"), cell_class="rt-num", header_class="rt-num"),
        Column(
            "status",
            _("Status"),
            template='{% include "bodies/_status_cell.html" %}',
        ),
    )
