"""Word in for a report: the default template's outline, aliases included, is what headings match."""

from __future__ import annotations

from rightstrack.exchange import import_plan
from rightstrack.exchange.import_plan import import_docx
from rightstrack.exchange.tests import files
from rightstrack.reporting.default_template import DEFAULT_SECTIONS


def _match_of(plan: import_plan.ImportPlan, heading: str) -> str | None:
    return next(m.section_key for m in plan.matches if m.text == heading)


def test_the_default_template_aliases_are_used() -> None:
    sections = list(DEFAULT_SECTIONS)
    assert sections[2].level == 2 and sections[0].level == 1
    plan = import_docx(files.vietnamese_style_names(), sections)
    assert _match_of(plan, "Nguyên nhân") == "difficulties"  # an alias of the difficulties section
    assert plan.assignments == {
        "limitations": "<p>Chưa kịp thời.</p>",
        "difficulties": "<p>Thiếu cán bộ.</p>",
    }
