"""The list of recommendations."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.core.tables import Column, Table

NUMBER = (
    '<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record.number|default:"—" }}</a>'
    '<span class="rt-secondary-line">{{ record.mechanism }} {{ record.session }}</span></span>'
)
TEXT = (
    '<span><span{% if record.display_text == record.text %} lang="en"{% endif %}>'
    "{{ record.display_text|truncatewords:40 }}</span>"
    "{% if record.recommending_states %}"
    '<span class="rt-secondary-line" lang="en">{{ record.states_display }}</span>'
    "{% endif %}</span>"
)
POSITION = (
    "{% if record.position %}"
    '<span class="rt-status rt-status-'
    '{% if record.position == "supported" %}active{% else %}muted{% endif %}">'
    "{{ record.get_position_display }}</span>{% else %}—{% endif %}"
)
THEMES = (
    "<span>{% for t in record.themes.all %}"
    '<span{% if t.display_name == t.name %} lang="en"{% endif %}>{{ t.display_name }}</span>'
    "{% if not forloop.last %}; {% endif %}{% empty %}—{% endfor %}</span>"
)


class RecommendationTable(Table):
    caption = _("Recommendations")
    empty_text = _("No recommendation matches these filters.")
    columns = (
        Column("number", _("Number"), cell_class="rt-nowrap", template=NUMBER),
        Column("text", _("Recommendation"), template=TEXT),
        Column("position", pgettext_lazy("UN recommendation", "Position"), template=POSITION),
        Column("themes", _("Themes"), template=THEMES),
    )
