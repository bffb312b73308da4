"""The list of activities."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.core.tables import Column, Table


class ActivityTable(Table):
    caption = _("Activities")
    empty_text = _("No activity matches these filters.")
    columns = (
        Column(
            "date",
            _("Date"),
            cell_class="rt-nowrap",
            template='<time datetime="{{ record.date|date:\'Y-m-d\' }}">{{ record.date|date:"d/m/Y" }}</time>'
            '{% if record.date_end %}<span class="rt-secondary-line">– {{ record.date_end|date:"d/m/Y" }}'
            "</span>{% endif %}",
        ),
        Column(
            "topic",
            _("Activity"),
            template='<span>{% if perms.activities.change_activity %}<a class="fw-semibold" '
            'href="{{ record.get_absolute_url }}">{{ record.display_topic }}</a>{% else %}'
            '<span class="fw-semibold">{{ record.display_topic }}</span>{% endif %}'
            '<span class="rt-secondary-line">{{ record.get_kind_display }}'
            "{% if record.place_text %} · {{ record.place_text }}{% endif %}</span></span>",
        ),
        Column("body", _("Body"), accessor="body.name"),
        Column(
            "audiences",
            _("Audience groups"),
            template="{% for group in record.audiences.all %}{{ group.display_name }}"
            "{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}",
        ),
        Column(
            "participants",
            pgettext_lazy("people", "Participants"),
            cell_class="rt-num",
            header_class="rt-num",
        ),
        Column("officials_trained", _("Officials trained"), cell_class="rt-num", header_class="rt-num"),
    )
