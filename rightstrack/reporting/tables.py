"""The lists of cycles and templates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table


class ReportingCycleTable(Table):
    """Rows carry ``visible_handed_in``/``visible_total``, counted over the reader's scope by the view."""

    caption = _("Reporting cycles")
    empty_text = _("No cycle matches these filters.")
    columns = (
        Column(
            "name",
            _("Name"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.display_name }}</a>"
            '<span class="rt-secondary-line">{{ record.template }}</span></span>',
        ),
        Column(
            "status",
            _("Status"),
            template='<span><span class="rt-status rt-cycle-{{ record.status }}">'
            "{{ record.get_status_display }}</span></span>",
        ),
        Column(
            "period",
            _("Period"),
            cell_class="rt-nowrap",
            template='{{ record.period_start|date:"d/m/Y" }} – {{ record.period_end|date:"d/m/Y" }}',
        ),
        Column(
            "deadline", _("Deadline"), cell_class="rt-nowrap", template='{{ record.deadline|date:"d/m/Y" }}'
        ),
        Column(
            "handed_in",
            _("Submitted / participants"),
            cell_class="rt-num",
            header_class="rt-num",
            template="{{ record.visible_handed_in }} / {{ record.visible_total }}",
        ),
    )


class ReportTemplateTable(Table):
    caption = _("Report templates")
    empty_text = _("No template matches these filters.")
    row_class = "{% if not record.is_current %}rt-ended{% endif %}"
    columns = (
        Column(
            "name",
            _("Name"),
            template='<span><a class="fw-semibold" href="{% url \'reporting:template_detail\' record.pk %}">'
            "{{ record.display_name }}</a></span>",
        ),
        Column("family", _("Family"), template="<code>{{ record.family }}</code>"),
        Column(
            "version",
            _("Version"),
            cell_class="rt-num",
            header_class="rt-num",
            template="<span>{{ record.version }} {% if record.is_current %}"
            '<span class="rt-status rt-status-active">{% translate "current" %}</span>{% else %}'
            '<span class="rt-status rt-status-ended">{% translate "earlier version" %}</span>'
            "{% endif %}</span>",
        ),
        Column("section_count", _("Sections"), cell_class="rt-num", header_class="rt-num"),
        Column("report_count", _("Reports"), cell_class="rt-num", header_class="rt-num"),
        Column(
            "created_on",
            _("Created on"),
            cell_class="rt-nowrap",
            template='{{ record.created_at|date:"d/m/Y" }}',
        ),
    )
