"""The list of packs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class PackTable(Table):
    caption = _("Consolidated packs")
    empty_text = _("No pack yet.")
    columns = (
        Column(
            "title",
            _("Title"),
            template='<a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.display_title }}</a>",
        ),
        Column("cycle", _("Reporting cycle"), accessor="cycle.display_name"),
        Column("selection", _("Bodies"), accessor="get_selection_display"),
        Column(
            "built_at",
            _("Built at"),
            template='{% if record.built_at %}{{ record.built_at|date:"d/m/Y H:i" }}{% else %}—{% endif %}',
        ),
    )
