"""The lists of units and regions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class AdministrativeUnitTable(Table):
    caption = _("Administrative units")
    empty_text = _("No unit matches these filters.")
    columns = (
        Column(
            "name",
            _("Name"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record.name }}</a>'
            "{% if record.name_en and record.name_en != record.name %}"
            '<span class="rt-secondary-line" lang="en">{{ record.name_en }}</span>{% endif %}</span>',
        ),
        Column("code", _("Code"), cell_class="rt-nowrap"),
        Column("level", _("Level"), accessor="get_level_display"),
        Column(
            "valid",
            _("Valid"),
            cell_class="rt-nowrap",
            template='{{ record.valid_from|date:"d/m/Y"|default:"…" }} – '
            '{{ record.valid_to|date:"d/m/Y"|default:_("today") }}',
        ),
        Column(
            "became",
            _("Became"),
            template="<span>{% for s in record.succeeded_by.all %}"
            '<a href="{{ s.successor.get_absolute_url }}">{{ s.successor.name }}</a>'
            "{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}</span>",
        ),
    )


class RegionTable(Table):
    caption = _("Regions")
    empty_text = _("No regions yet.")
    columns = (
        Column(
            "name",
            _("Name"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record.name }}</a>'
            '{% if record.name_en %}<span class="rt-secondary-line" lang="en">{{ record.name_en }}</span>'
            "{% endif %}</span>",
        ),
        Column("kind", _("Kind"), accessor="get_kind_display"),
        Column("parent", _("Part of"), accessor="parent.name"),
        Column("unit_count", _("Memberships"), cell_class="rt-num", header_class="rt-num"),
    )
