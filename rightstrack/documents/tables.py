"""The list of documents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class DocumentTable(Table):
    caption = _("Documents")
    empty_text = _("No document matches these filters.")
    columns = (
        Column(
            "published_on",
            _("Published"),
            cell_class="rt-nowrap",
            template="{% if record.published_on %}<time datetime=\"{{ record.published_on|date:'Y-m-d' }}\">"
            '{{ record.published_on|date:"d/m/Y" }}</time>{% else %}—{% endif %}',
        ),
        Column(
            "title",
            _("Document"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.title }}</a>"
            '<span class="rt-secondary-line">{{ record.get_kind_display }} · {{ '
            "record.get_language_display }}"
            " · {{ record.get_file_kind_display }}</span></span>",
        ),
        Column(
            "conference",
            _("Conference"),
            template='{% if record.conference %}<a href="{{ record.conference.get_absolute_url }}">'
            "{{ record.conference.display_title }}</a>{% else %}—{% endif %}",
        ),
        Column("body", _("Kept by"), template="{{ record.body.name }}"),
    )
