"""The audit log shows recorded figures (kept in the plain form, "26019.5") as the reader writes numbers."""

from __future__ import annotations

from django.utils import translation

from rightstrack.core.audit_text import readable_changes
from rightstrack.core.models import AuditEntry


def entry() -> AuditEntry:
    return AuditEntry(
        action="content_saved",
        before={"figures": {"people": "2600", "share": None}},
        after={"figures": {"people": "26019.5", "share": "0.35"}},
    )


def test_figures_in_vietnamese_and_in_english() -> None:
    with translation.override("vi"):
        rows = {name.split(" › ")[-1]: (old, new) for name, old, new in readable_changes(entry())}
    assert rows == {"people": ("2.600", "26.019,5"), "share": (None, "0,35")}
    with translation.override("en"):
        rows = {name.split(" › ")[-1]: (old, new) for name, old, new in readable_changes(entry())}
    assert rows == {"people": ("2,600", "26,019.5"), "share": (None, "0.35")}


def test_what_is_not_a_number_is_shown_as_recorded() -> None:
    odd = AuditEntry(action="content_saved", before={"figures": {"x": "n/a"}}, after={"figures": {"x": "12"}})
    with translation.override("vi"):
        assert [(old, new) for _, old, new in readable_changes(odd)] == [("n/a", "12")]
