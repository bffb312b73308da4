"""The list of texts with an accepted tag (``by_tag.tagged_rows`` gives each row)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rightstrack.core.tables import Column, Table


class TaggedTable(Table):
    caption = _("Texts with an accepted tag")
    empty_text = _("No accepted tag matches these filters.")
    columns = (
        Column(
            "text",
            _("Text"),
            template='<span><a class="fw-semibold" href="{{ record.url }}">'
            "{{ record.text|truncatechars:140 }}</a>"
            '<span class="rt-secondary-line">{{ record.suggestion.get_kind_display }}'
            "{% if record.section %} · {{ record.section }}{% endif %}</span></span>",
        ),
        Column(
            "term",
            _("Tag"),
            template='<span data-code="{{ record.suggestion.code }}">{{ record.term }}</span>'
            '<span class="rt-secondary-line">{{ record.suggestion.get_taxonomy_display }}</span>',
        ),
        Column(
            "decided",
            pgettext_lazy("tags", "Accepted"),
            cell_class="rt-nowrap",
            template="{% if record.suggestion.decided_at %}{{ record.suggestion.decided_at|date:'d/m/Y' }}"
            "{% else %}—{% endif %}{% if record.suggestion.decided_by %}"
            '<span class="rt-secondary-line">{{ record.suggestion.decided_by.display_name }}</span>'
            "{% endif %}",
        ),
    )
