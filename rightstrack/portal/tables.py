"""The portal's list of recommendations: each links to its permanent public page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.core.tables import Column, Table
from rightstrack.recommendations.tables import POSITION, TEXT, THEMES

NUMBER = (
    '<span><a class="fw-semibold" href="{% url "portal:recommendation_detail" record.pk|unlocalize %}">'
    '{{ record.number|default:"—" }}</a>'
    '<span class="rt-secondary-line">{{ record.mechanism }} {{ record.session }}</span></span>'
)
STATUS = (
    '{% if record.current_status %}<span class="rt-status rt-status-'
    '{% if record.current_status == "implemented" %}active{% else %}ended{% endif %}">'
    "{{ record.current_status_display }}</span>"
    '{% else %}<span class="rt-empty">{% translate "Not assessed yet" %}</span>{% endif %}'
)


class PublicRecommendationTable(Table):
    caption = _("Published recommendations")
    empty_text = _("No published recommendation matches this search.")
    columns = (
        Column("number", _("Number"), cell_class="rt-nowrap", template=NUMBER),
        Column("text", _("Recommendation"), template=TEXT),
        Column("position", pgettext_lazy("UN recommendation", "Position"), template=POSITION),
        Column("status", pgettext_lazy("implementation", "Status"), template=STATUS),
        Column("themes", _("Themes"), template=THEMES),
    )
