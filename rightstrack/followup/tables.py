"""The lists of directives and tasks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rightstrack.core.tables import Column, Table

DUE = '<time datetime="{{ record.due_on|date:\'Y-m-d\' }}">{{ record.due_on|date:"d/m/Y" }}</time>'
STATUS = '{% include "followup/_status.html" with task=record %}'


class DirectiveTable(Table):
    caption = _("Directives")
    empty_text = _("No directive matches these filters.")
    columns = (
        Column(
            "issued_on",
            _("Issued on"),
            cell_class="rt-nowrap",
            template="<time datetime=\"{{ record.issued_on|date:'Y-m-d' }}\">"
            '{{ record.issued_on|date:"d/m/Y" }}</time>',
        ),
        Column(
            "text",
            _("Directive"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record }}</a>'
            '<span class="rt-secondary-line">{{ record.kind.display_name }}'
            "{% if record.conference %} · {{ record.conference.display_title }}{% endif %}</span></span>",
        ),
        Column("issuer", _("Issuing body"), accessor="issuer.name"),
        Column("task_count", _("Tasks"), cell_class="rt-num", header_class="rt-num"),
        Column("done_count", _("Done"), cell_class="rt-num", header_class="rt-num"),
        Column("overdue_count", _("Overdue"), cell_class="rt-num", header_class="rt-num"),
    )


class TaskTable(Table):
    caption = _("Tasks")
    empty_text = _("No task matches these filters.")
    columns = (
        Column("due_on", _("Due on"), cell_class="rt-nowrap", template=DUE),
        Column(
            "directive",
            _("Task"),
            template='<span><a class="fw-semibold" href="{{ record.get_absolute_url }}">'
            "{{ record.directive }}</a>"
            '<span class="rt-secondary-line">{{ record.directive.kind.display_name }} · '
            "{{ record.directive.issuer.name }}</span></span>",
        ),
        Column("body", _("Assigned to"), accessor="body.name"),
        Column("status", _("Status"), template=STATUS),
    )


class DirectiveTaskTable(Table):
    """A directive's tasks, one per body."""

    caption = _("Tasks of this directive")
    empty_text = _("No task yet: assign this directive to bodies.")
    columns = (
        Column(
            "body",
            _("Assigned to"),
            template='<a class="fw-semibold" href="{{ record.get_absolute_url }}">{{ record.body.name }}</a>',
        ),
        Column("due_on", _("Due on"), cell_class="rt-nowrap", template=DUE),
        Column("status", _("Status"), template=STATUS),
    )


class DirectiveKindTable(Table):
    caption = _("Kinds of directive")
    empty_text = _("No kind of directive yet.")
    columns = (
        Column("order", _("Order"), cell_class="rt-num", header_class="rt-num"),
        Column("code", _("Code"), template="<code>{{ record.code }}</code>"),
        Column("name", _("Name (Vietnamese)")),
        Column("name_en", _("Name (English)"), template='<span lang="en">{{ record.name_en }}</span>'),
        Column(
            "is_active",
            _("In use"),
            template="{% load i18n %}{% if record.is_active %}{% translate 'yes' %}{% else %}"
            "{% translate 'no' %}{% endif %}",
        ),
        Column(
            "edit",
            _("Actions"),
            label_hidden=True,
            template='{% load i18n %}<a class="btn btn-sm btn-outline-primary" '
            "href=\"{% url 'followup:kind_edit' record.pk %}\">{% translate 'Edit' %}"
            '<span class="visually-hidden"> {{ record.name }}</span></a>',
        ),
    )
