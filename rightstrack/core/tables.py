"""Tables, declared once per list and rendered by one include (``includes/table.html``).

A table is a caption, its columns and a text for "nothing matches". A column is a label and either an
attribute path (escaped text) or a small template (``record`` is the row's object; the page's context —
``request``, ``perms``, ``csrf_token`` — is there too). Every list page renders its table with
``{% include "includes/table.html" %}``, so the markup a screen reader and the small-screen stacking rely on
(caption, ``scope="col"``, ``data-label``) is written once. Why not django-tables2: docs/decisions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from django.template import Template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CELL_LIBRARIES = "{% load i18n l10n tz rt %}"


@dataclass(frozen=True)
class Column:
    """One column: ``label`` in the header (and as each cell's ``data-label``), a value or a template."""

    name: str
    label: str | Promise
    accessor: str | None = None  # "unit.name": the value, escaped; "—" when empty
    template: str | None = None  # Django template code; ``record`` is the row's object
    cell_class: str = ""
    header_class: str = ""
    label_hidden: bool = False  # the header is for screen readers only (e.g. a column of buttons)
    stacked_label: bool = True  # the cell repeats the label when the table stacks on small screens

    @cached_property
    def compiled(self) -> Template | None:
        return Template(CELL_LIBRARIES + self.template) if self.template is not None else None

    def value(self, record: Any) -> Any:
        value = record
        for part in (self.accessor or self.name).split("."):
            value = getattr(value, part, None)
            if callable(value):
                value = value()
            if value is None:
                return None
        return value


class Table:
    """Subclasses declare ``columns`` (and a caption, an empty text, a row class); ``exclude`` hides some."""

    columns: ClassVar[Sequence[Column]] = ()
    caption: ClassVar[str | Promise] = ""
    empty_text: ClassVar[str | Promise] = _("Nothing matches these filters.")
    css_class: ClassVar[str] = "table table-hover align-middle rt-stack"
    row_class: ClassVar[str | None] = None  # template code for the <tr>'s class, with ``record``

    def __init__(self, rows: Iterable[Any], *, exclude: Iterable[str] = ()) -> None:
        self.rows = rows
        hidden = set(exclude)
        self.visible_columns = [column for column in self.columns if column.name not in hidden]

    @cached_property
    def compiled_row_class(self) -> Template | None:
        return Template(CELL_LIBRARIES + self.row_class) if self.row_class else None


class AuditEntryTable(Table):
    """The audit log, and an object's history (``exclude=["object"]``)."""

    caption = _("Recorded changes")
    empty_text = _("No changes recorded.")
    css_class = "table table-sm align-top rt-stack rt-audit"
    columns = (
        Column(
            "time",
            _("When"),
            cell_class="rt-nowrap",
            template='{% include "core/audit_time.html" %}',
        ),
        Column("event", _("What happened"), template='{% include "core/audit_event.html" %}'),
        Column("changes", _("Changes"), template='{% include "core/audit_changes.html" %}'),
    )


class JobTable(Table):
    """The user's background jobs."""

    caption = _("Your background jobs, newest first")
    empty_text = _("You have not started any background job.")
    css_class = "table align-middle rt-stack"
    columns = (
        Column("job", _("Job"), template='<a href="{{ record.get_absolute_url }}">{{ record.label }}</a>'),
        Column(
            "state",
            _("State"),
            template='<span class="rt-status rt-job-{{ record.state }}">'
            "{{ record.get_state_display }}</span>",
        ),
        Column("progress", _("Progress"), template="{{ record.percent }}%"),
        Column(
            "requested",
            _("Requested"),
            cell_class="rt-nowrap",
            template='{{ record.created_at|date:"d/m/Y H:i" }}',
        ),
    )
