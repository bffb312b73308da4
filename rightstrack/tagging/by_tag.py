"""Reads across the product by tag: a taxonomy's accepted tags of report sections counted by body (the
taxonomy page's chart and table) and the texts with an accepted tag (``/tagging/tagged/``), with the choices
their filters offer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from rightstrack.core.scope import scoped
from rightstrack.tagging.choices import SuggestionState, TargetKind, TaxonomyKey
from rightstrack.tagging.models import Suggestion
from rightstrack.tagging.selectors import term_label, term_names, terms
from rightstrack.tagging.targets import Target

BY_BODY_TERMS = 8  # the most used terms shown as columns of "by body"


@dataclass
class BodyRow:
    """One body of "by body": its name, and how many of its report sections carry each term (in the order of
    ``ByBody.terms``, with the term's code: a cell links to those sections)."""

    name: str
    body_id: int
    cells: list[tuple[str, int]]  # (code, count)

    @property
    def counts(self) -> list[int]:
        return [n for _code, n in self.cells]


@dataclass
class ByBody:
    """Accepted tags of report sections counted by reporting body (rows) and term (columns)."""

    terms: list[tuple[str, str]]  # (code, label)
    rows: list[BodyRow]
    section: str = ""  # the report section counted ("": every section)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (key, title) of sections with tags

    def chart(self, title: str) -> dict[str, Any]:
        """What ``static/tagging/by_body.js`` draws: a bar per body, stacked by term (the table's numbers)."""
        return {
            "title": title,
            "labels": short_names([row.name for row in self.rows]),
            "datasets": [
                {"label": label, "data": [row.counts[i] for row in self.rows]}
                for i, (_code, label) in enumerate(self.terms)
            ],
        }


def short_names(names: Sequence[str]) -> list[str]:
    """The names without the words they all begin with ("Ban Chỉ đạo nhân quyền tỉnh An Giang" and "… thành
    phố Huế" → "tỉnh An Giang", "thành phố Huế"), so that a narrow chart shows what tells them apart."""
    if len(names) < 2:
        return list(names)
    words = [name.split() for name in names]
    common = 0
    while all(len(w) > common + 1 and w[common] == words[0][common] for w in words):
        common += 1
    return [" ".join(w[common:]) for w in words]


def _section_titles(keys: Sequence[str]) -> dict[str, str]:
    """The title of each report section key, from the newest template that has it, in that template's order
    (one query)."""
    from rightstrack.reporting.models import TemplateSection

    titles: dict[str, str] = {}
    rows = TemplateSection.objects.filter(key__in=keys).order_by("-template_id", "order")
    for row in rows:
        titles.setdefault(row.key, row.display_title)
    return titles


def accepted_by_body(user: Any, taxonomy_key: str, section: str = "") -> ByBody:
    """How many report sections of each body the user sees carry each accepted term, in one section or all
    (three queries whatever the data: the counts, the sections with tags and their titles), e.g. the
    shortcomings by SDG across provinces."""
    from django.db.models import Count

    from rightstrack.core.text import vi_sorted

    accepted = scoped(
        user, Suggestion.objects.filter(taxonomy=taxonomy_key, state=SuggestionState.ACCEPTED)
    ).filter(kind=TargetKind.REPORT_SECTION)
    keys = sorted(set(accepted.order_by().values_list("section_key", flat=True).distinct()))
    titles = _section_titles(keys) if keys else {}
    section = section if section in keys else ""
    counts = (
        (accepted.filter(section_key=section) if section else accepted)
        .order_by()
        .values("report__body_id", "report__body__name", "code")
        .annotate(n=Count("pk"))
    )
    table: dict[int, dict[str, int]] = {}
    body_names: dict[int, str] = {}
    totals: dict[str, int] = {}
    for row in counts:
        body_names[row["report__body_id"]] = row["report__body__name"]
        table.setdefault(row["report__body_id"], {})[row["code"]] = row["n"]
        totals[row["code"]] = totals.get(row["code"], 0) + row["n"]
    codes = sorted(totals, key=lambda code: (-totals[code], code))[:BY_BODY_TERMS]
    names = {term.code: term for term in terms(taxonomy_key)} if codes else {}
    return ByBody(
        terms=[(code, term_label(names.get(code), code)) for code in codes],
        rows=[
            BodyRow(body_names[pk], pk, [(code, table[pk].get(code, 0)) for code in codes])
            for pk in vi_sorted(table, key=body_names.__getitem__)
        ],
        section=section,
        sections=[(key, titles[key]) for key in titles] + [(k, k) for k in keys if k not in titles],
    )


# Texts with an accepted tag ------------------------------------------------------------------------------


def term_choices(taxonomy_key: str = "") -> list[tuple[str, Any]]:
    """The terms a tag filter offers: the taxonomy's (code, label), or with none named every taxonomy's terms,
    grouped under the taxonomy's name (a code is unique within its taxonomy only)."""
    if taxonomy_key:
        return [(term.code, term_label(term, term.code)) for term in terms(taxonomy_key)]
    return [
        (str(title), [(term.code, term_label(term, term.code)) for term in terms(key)])
        for key, title in TaxonomyKey.choices
    ]


def section_choices() -> list[tuple[str, str]]:
    """The report sections a tag filter offers, by key, titled as the newest template names them."""
    from rightstrack.reporting.models import TemplateSection

    keys = TemplateSection.objects.order_by().values_list("key", flat=True).distinct()
    return sorted(_section_titles(list(keys)).items(), key=lambda item: item[1])


def tagged_list() -> QuerySet[Suggestion]:
    """Accepted tags with what the list shows of their text (scoped by the caller)."""
    return (
        Suggestion.objects.filter(state=SuggestionState.ACCEPTED)
        .select_related(
            "recommendation",
            "report__body",
            "report__cycle",
            "conference",
            "document",
            "decided_by",
        )
        .order_by("-decided_at", "-pk")
    )


@dataclass
class TaggedRow:
    """One row of the tagged texts: the tag, its term's name, where its text is and how to call it."""

    suggestion: Suggestion
    term: str
    text: str
    url: str
    section: str


def tagged_rows(suggestions: Sequence[Suggestion]) -> list[TaggedRow]:
    """The rows of one page of ``tagged_list`` (one query for the sections' titles, whatever the page)."""
    names = term_names(suggestions)
    sections = _section_titles(sorted({s.section_key for s in suggestions if s.section_key}))
    rows = []
    for s in suggestions:
        target = Target.of_suggestion(s)
        obj: Any = target.obj
        if s.kind == TargetKind.REPORT_SECTION:
            text = f"{obj.body.display_name} · {obj.cycle.display_name}"
        elif s.kind == TargetKind.RECOMMENDATION:
            text = f"{obj.number} {obj.text}".strip()
        elif s.kind == TargetKind.CONFERENCE:
            text = obj.display_title
        else:
            text = obj.title
        rows.append(
            TaggedRow(
                s,
                term_label(names.get(s.taxonomy, {}).get(s.code), s.code),
                text,
                target.url(),
                sections.get(s.section_key, s.section_key),
            )
        )
    return rows
