"""The taxonomies texts are tagged with, built from the database, and the labelled examples it holds.

Codes (docs/decisions/0054-tagging-engine.md): SDG goals ``"1"``..``"17"``, SDG targets as the framework
writes them (``"16.3"``, ``"1.a"``), UHRI themes and affected-person groups a slug of their English name
(``"equality-non-discrimination"``: stable while the name is, the same in every database that imported the
same UN file), work areas the report template's section key (``"results-legal"``).

Where the database holds no SDG framework or template yet, the data shipped with the product stands in (the
framework's YAML files, the default template's outline), so a fresh installation tags from the first day.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from rightstrack.core.text import fold
from rightstrack.nlp.tagging import Taxonomy, Term

SDG_GOAL, SDG_TARGET, UHRI_THEME, AFFECTED_PERSONS, WORK_AREA = (
    "sdg-goal",
    "sdg-target",
    "uhri-theme",
    "affected-persons",
    "work-area",
)
TAXONOMY_KEYS = (SDG_GOAL, SDG_TARGET, UHRI_THEME, AFFECTED_PERSONS, WORK_AREA)
WORK_AREA_PARENT = "results"  # the default outline's "Results by work area": its sub-sections are work areas
MAX_CODE = 64
SEEDS = Path(__file__).resolve().parent / "seeds"
THEME_DESCRIPTIONS = SEEDS / "uhri_themes.jsonl"
MIN_PARAGRAPH_CHARS = 40  # shorter lines of a report section are headings or figures, not examples
# How far each term's tuned threshold is pulled towards the one pooled over all terms (``Taxonomy``): chosen
# on the training session's inner folds, UHRI themes only (decision 0054, amended: affected persons measured
# worse there with it, the others were not measured with it, so they keep every term's own threshold).
THRESHOLD_SHRINK = {UHRI_THEME: 10.0}
# The share of a described term's names in its centroid, its description lines sharing the rest: UHRI themes
# only, whose descriptions ship in seeds/uhri_themes.jsonl (decision 0054, amended); the others average all.
NAMES_SHARE = {UHRI_THEME: 0.33}


class UnknownTaxonomy(ValueError):
    """A taxonomy key that is not one of ``TAXONOMY_KEYS``; the message lists the known keys."""

    def __init__(self, key: str) -> None:
        super().__init__(
            _("unknown taxonomy %(key)s: use one of %(keys)s")
            % {"key": key, "keys": ", ".join(TAXONOMY_KEYS)}
        )
        self.key = key


def check_key(key: str) -> str:
    if key not in TAXONOMY_KEYS:
        raise UnknownTaxonomy(key)
    return key


def name_code(name: str) -> str:
    """The code of a theme or group: the slug of its folded English name."""
    return slugify(fold(name, separators=True))[:MAX_CODE] or "term"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, one a non-blank line (the seeds, the evaluation sets)."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


# Taxonomies ------------------------------------------------------------------------------------------------


def taxonomy(key: str) -> Taxonomy:
    """The taxonomy ``key`` as the database holds it (``UnknownTaxonomy`` for another key)."""
    builders = {
        SDG_GOAL: _sdg_goals,
        SDG_TARGET: _sdg_targets,
        UHRI_THEME: _themes,
        AFFECTED_PERSONS: _affected_persons,
        WORK_AREA: _work_areas,
    }
    terms = tuple(builders[check_key(key)]())
    return Taxonomy(key, terms, THRESHOLD_SHRINK.get(key, 0.0), NAMES_SHARE.get(key, 0.0))


def named_taxonomy(key: str, names: Iterable[str], names_vi: dict[str, str] | None = None) -> Taxonomy:
    """A taxonomy of named terms (themes, groups) from their English names, e.g. those of a UN file."""
    names_vi = names_vi or {}
    terms = {name_code(name): Term(name_code(name), name, names_vi.get(name, "")) for name in names}
    if key == UHRI_THEME:
        terms = {code: described(term) for code, term in terms.items()}
    ordered = tuple(terms[code] for code in sorted(terms))
    return Taxonomy(key, ordered, THRESHOLD_SHRINK.get(key, 0.0), NAMES_SHARE.get(key, 0.0))


def shipped_taxonomy(key: str) -> Taxonomy:
    """The taxonomy ``key`` built from the data shipped with the product alone, whatever the database holds:
    SDG goals and targets from the framework, the default outline's work areas; no terms for themes and
    groups (UN files bring them; the themes' shipped descriptions are ``theme_descriptions``)."""
    builders: dict[str, Callable[..., list[Term]]] = {
        SDG_GOAL: _sdg_goals,
        SDG_TARGET: _sdg_targets,
        WORK_AREA: _work_areas,
    }
    build = builders.get(check_key(key))
    terms = tuple(build(shipped=True)) if build else ()
    return Taxonomy(key, terms, THRESHOLD_SHRINK.get(key, 0.0), NAMES_SHARE.get(key, 0.0))


def _sdg_goals(*, shipped: bool = False) -> list[Term]:
    from rightstrack.recommendations.models import SdgGoal, SdgTarget

    goals = _listed(lambda: SdgGoal.objects.order_by("number"), shipped=shipped)
    if goals:
        targets: dict[int, list[str]] = {}
        for goal_number, title in SdgTarget.objects.values_list("goal__number", "title"):
            targets.setdefault(goal_number, []).append(title)
        rows = [(g.number, g.short, g.short_vi, g.title, targets.get(g.number, [])) for g in goals]
    else:
        framework = _framework()
        by_goal: dict[int, list[str]] = {}
        for target in framework.targets:
            by_goal.setdefault(target.goal, []).append(target.title)
        rows = [(g.number, g.short, g.short_vi, g.title, by_goal.get(g.number, [])) for g in framework.goals]
    return [
        Term(str(number), short, short_vi, "\n".join([title, *targets]))
        for number, short, short_vi, title, targets in rows
    ]


def _sdg_targets(*, shipped: bool = False) -> list[Term]:
    from rightstrack.recommendations.models import SdgIndicator, SdgTarget

    targets = _listed(
        lambda: SdgTarget.objects.select_related("goal").order_by("goal__number", "order", "code"),
        shipped=shipped,
    )
    indicators: dict[str, list[str]] = {}
    if targets:
        for code, title in SdgIndicator.objects.values_list("target__code", "title"):
            indicators.setdefault(code, []).append(title)
        rows = [(t.code, t.title, t.goal.short) for t in targets]
    else:
        framework = _framework()
        shorts = {g.number: g.short for g in framework.goals}
        for indicator in framework.indicators:
            indicators.setdefault(indicator.target, []).append(indicator.title)
        rows = [(t.code, t.title, shorts.get(t.goal, "")) for t in framework.targets]
    return [Term(code, title, "", "\n".join([goal, *indicators.get(code, [])])) for code, title, goal in rows]


def _listed(query: Callable[[], Iterable[Any]], *, shipped: bool = False) -> list[Any]:
    """The rows of ``query``, or none when the database is not set up or ``shipped`` asks for the data
    shipped with the product alone (the shipped data stands in)."""
    from django.db import DatabaseError

    if shipped:
        return []
    try:
        return list(query())
    except DatabaseError:
        return []


@functools.cache
def _framework() -> Any:
    """The shipped SDG framework, read once a process (``tagger_for`` asks for the seeds on every call)."""
    from rightstrack.recommendations.sdg import read_framework

    return read_framework()


def _named(model: Any) -> list[Term]:
    terms: dict[str, Term] = {}
    for name, name_vi in model.objects.order_by("name").values_list("name", "name_vi"):
        code = name_code(name)
        while code in terms:  # two names folding to one slug: the second gets a suffix, in name order
            code = f"{code[: MAX_CODE - 2]}-{len(terms) % 100}"
        terms[code] = Term(code, name, name_vi)
    return list(terms.values())


def _themes() -> list[Term]:
    from rightstrack.recommendations.models import Theme

    return [described(term) for term in _named(Theme)]


@functools.cache
def theme_descriptions() -> dict[str, tuple[str, str]]:
    """The UHRI themes' descriptions shipped with the product (``seeds/uhri_themes.jsonl``): English and
    Vietnamese lines by code, what recommendations on each theme typically ask for, so that a theme no
    labelled text has yet is recognised by more than its name."""
    rows = read_jsonl(THEME_DESCRIPTIONS)
    return {row["code"]: ("\n".join(row["en"]), "\n".join(row["vi"])) for row in rows}


def described(term: Term) -> Term:
    """``term`` with its shipped UHRI description, looked up by its code; unchanged when none is shipped."""
    found = theme_descriptions().get(term.code)
    if found is None:
        return term
    return dataclasses.replace(term, description=found[0], description_vi=found[1])


def _affected_persons() -> list[Term]:
    from rightstrack.recommendations.models import AffectedPersons

    return _named(AffectedPersons)


def _work_areas(*, shipped: bool = False) -> list[Term]:
    """The sub-sections of "results" in the current version of every template family (one term per key, the
    first family's wording); the default outline when the database holds no template."""
    from rightstrack.reporting.models import TemplateSection

    sections = TemplateSection.objects.filter(
        template__is_current=True, parent__key=WORK_AREA_PARENT
    ).order_by("template__family", "order")
    rows = [
        (s.key, s.title, s.title_en, s.guidance, s.guidance_en, s.match_aliases)
        for s in _listed(lambda: sections, shipped=shipped)
    ]
    if not rows:
        from rightstrack.reporting.default_template import DEFAULT_SECTIONS

        rows = [
            (s.key, s.title, s.title_en, s.guidance, s.guidance_en, list(s.match_aliases))
            for s in DEFAULT_SECTIONS
            if s.parent == WORK_AREA_PARENT
        ]
    terms: dict[str, Term] = {}
    for key, title, title_en, guidance, guidance_en, aliases in rows:
        if key not in terms:
            aliases = [a for a in aliases or [] if isinstance(a, str)]
            terms[key] = Term(key, title_en or title, title, "\n".join([guidance_en, *aliases]), guidance)
    return list(terms.values())


# Labelled examples -----------------------------------------------------------------------------------------


def examples(key: str) -> list[tuple[str, frozenset[str]]]:
    """The labelled texts the database holds for ``key``: the recommendations' own themes, groups, SDG goals
    and targets (the English text and any Vietnamese translation, each an example), and for work areas the
    paragraphs of report sections written under a work area. Unlabelled texts are left out: a
    recommendation nobody tagged with a theme says nothing about themes."""
    from django.db import DatabaseError

    check_key(key)
    try:
        return _work_area_examples() if key == WORK_AREA else _recommendation_examples(key)
    except DatabaseError:  # not migrated yet: nothing labelled (the shipped seeds still train a tagger)
        return []


def _recommendation_examples(key: str) -> list[tuple[str, frozenset[str]]]:
    from rightstrack.recommendations.models import Recommendation

    recommendations = Recommendation.objects.only("id", "text", "text_vi").order_by("id")
    if key == SDG_GOAL:
        recommendations = recommendations.prefetch_related("sdg_goals", "sdg_targets__goal")
    elif key == SDG_TARGET:
        recommendations = recommendations.prefetch_related("sdg_targets")
    elif key == UHRI_THEME:
        recommendations = recommendations.prefetch_related("themes")
    else:
        recommendations = recommendations.prefetch_related("affected_persons")
    out: list[tuple[str, frozenset[str]]] = []
    for rec in recommendations.iterator(chunk_size=2000):
        labels = frozenset(_labels_of(key, rec))
        if labels:
            out.extend((text, labels) for text in (rec.text, rec.text_vi) if text.strip())
    return out


def _labels_of(key: str, rec: Any) -> Iterable[str]:
    if key == SDG_GOAL:
        yield from (str(goal.number) for goal in rec.sdg_goals.all())
        yield from (str(target.goal.number) for target in rec.sdg_targets.all())
    elif key == SDG_TARGET:
        yield from (target.code for target in rec.sdg_targets.all())
    elif key == UHRI_THEME:
        yield from (name_code(theme.name) for theme in rec.themes.all())
    else:
        yield from (name_code(group.name) for group in rec.affected_persons.all())


def _work_area_examples() -> list[tuple[str, frozenset[str]]]:
    from rightstrack.exchange.html import html_to_text
    from rightstrack.reporting.models import ReportSection

    sections = ReportSection.objects.filter(section__parent__key=WORK_AREA_PARENT).exclude(html="")
    out = []
    for key, html in sections.values_list("section__key", "html").order_by("id").iterator(chunk_size=2000):
        for paragraph in html_to_text(html).split("\n"):
            if len(paragraph.strip()) >= MIN_PARAGRAPH_CHARS:
                out.append((paragraph.strip(), frozenset([key])))
    return out


def seed_examples(key: str, *, shipped: bool = False) -> list[tuple[str, frozenset[str]]]:
    """The examples shipped with the product, so that a tagger is supervised before anyone labels anything:
    for SDG goals and targets the framework's own texts (each target's text is about its goal, each
    indicator's about its target and goal) and, for goals, the paragraphs of ``seeds/sdg_goals.jsonl``
    (written as reports and policies speak of each goal, English and Vietnamese); for work areas the
    hand-written paragraphs of ``seeds/work_areas.jsonl`` (Vietnamese and English, of the default outline's
    work areas). Both kept apart from the evaluation sets in ``benchmarks/data``. Themes and groups have
    none: UN files bring them.
    ``shipped``: the work areas of the default outline, whatever templates the database holds."""
    check_key(key)
    if key in (SDG_GOAL, SDG_TARGET):
        framework = _framework()
        if key == SDG_GOAL:
            return [
                *((t.title, frozenset([str(t.goal)])) for t in framework.targets),
                *((i.title, frozenset([i.target.split(".")[0]])) for i in framework.indicators),
                *_sdg_goal_paragraphs(),
            ]
        return [(i.title, frozenset([i.target])) for i in framework.indicators]
    if key == WORK_AREA:
        known = {term.code for term in _work_areas(shipped=shipped)}
        rows = read_jsonl(SEEDS / "work_areas.jsonl")
        seeds = [(row["text"], frozenset([row["area"]])) for row in rows if row["area"] in known]
        return seeds + text_bank_examples(known)
    return []


def _sdg_goal_paragraphs() -> list[tuple[str, frozenset[str]]]:
    """``seeds/sdg_goals.jsonl``: ``{"goal": "4", "lang": "en", "text": ...}`` a line (decision 0070)."""
    return [(row["text"], frozenset([row["goal"]])) for row in read_jsonl(SEEDS / "sdg_goals.jsonl")]


# The demo's words for the placeholders of its text bank, so that a paragraph reads as a report's would.
_PLACEHOLDERS = {
    "vi": {"Period": "Trong năm", "in_period": "trong năm", "place": "tỉnh", "Committee": "Ban Chỉ đạo"},
    "en": {"Period": "During the year", "in_period": "during the year", "place": "the province"},
}


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _filled(text: str, words: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda match: words.get(match.group(1), ""), text)


def text_bank_examples(known: Iterable[str]) -> list[tuple[str, frozenset[str]]]:
    """The work-area paragraphs of the reporting demo's text bank (both languages, written for the default
    outline's work areas and kept apart from the evaluation set), placeholders filled with plain words or
    dropped: what a province writes under each area, before any report is in the database."""
    from rightstrack.reporting.demo.texts import text_bank

    wanted = set(known)
    out: dict[str, frozenset[str]] = {}
    for lang, words in _PLACEHOLDERS.items():
        for area, paragraphs in text_bank(lang)["sections"].items():
            if area not in wanted:
                continue
            for paragraph in paragraphs:
                text = _filled(paragraph["t"], words)
                text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
                if len(text) >= MIN_PARAGRAPH_CHARS:
                    out.setdefault(text, frozenset([area]))
    return list(out.items())


def training_examples(key: str) -> list[tuple[str, frozenset[str]]]:
    """What a tagger learns from: the database's labelled texts (``examples``) and the shipped seeds."""
    return [*examples(key), *seed_examples(key)]


def examples_from_rows(key: str, rows: Sequence[Any]) -> list[tuple[str, frozenset[str]]]:
    """Examples from the rows of a UN file (``exchange.un_recommendations.Row``), labelled as ``examples``
    labels the database's recommendations."""
    check_key(key)
    out = []
    for row in rows:
        if key == SDG_GOAL:
            labels = {str(goal) for goal in row.sdg_goals} | {t.split(".")[0] for t in row.sdg_targets}
        elif key == SDG_TARGET:
            labels = set(row.sdg_targets)
        elif key == UHRI_THEME:
            labels = {name_code(name) for name in row.themes}
        elif key == AFFECTED_PERSONS:
            labels = {name_code(name) for name in row.affected_persons}
        else:
            labels = set()
        if labels and row.text.strip():
            out.append((row.text, frozenset(labels)))
    return out
