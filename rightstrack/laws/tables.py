"""The register's list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rightstrack.core.tables import Column, Table

gettext_noop("repealed")  # said by a cell's template below


class LegalDocumentTable(Table):
    caption = _("Laws and policies")
    empty_text = _("No document matches these filters.")
    columns = (
        Column(
            "symbol",
            _("Number and symbol"),
            cell_class="rt-nowrap",
            template="{{ record.symbol|default:'—' }}",
        ),
        Column(
            "title",
            _("Title"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.display_title }}</a>{% if record.part %} — {{ record.part }}{% endif %}"
            '<span class="rt-secondary-line">{{ record.get_kind_display }} · {{ record.issuer }}'
            "</span></span>",
        ),
        Column(
            "issued_on",
            _("Issued on"),
            cell_class="rt-nowrap",
            template='{{ record.issued_on|date:"d/m/Y"|default:"—" }}',
        ),
        Column(
            "in_force_from",
            _("In force from"),
            cell_class="rt-nowrap",
            template='{{ record.in_force_from|date:"d/m/Y"|default:"—" }}{% if record.repealed_on %}'
            '<span class="rt-secondary-line">{% translate "repealed" %} '
            '{{ record.repealed_on|date:"d/m/Y" }}</span>{% endif %}',
        ),
        Column("status_count", _("Bodies with a status"), cell_class="rt-num", header_class="rt-num"),
        Column("mention_count", _("Cited in reports"), cell_class="rt-num", header_class="rt-num"),
    )
