"""Every read of recommendations, scoped, with relations loaded up front (a constant number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from rightstrack.recommendations.choices import Mechanism, Position
from rightstrack.recommendations.models import (
    AffectedPersons,
    Assessment,
    Recommendation,
    SdgGoal,
    Theme,
)

FACET_SIZE = 12  # values shown per facet (the most frequent first)


def recommendation_list() -> QuerySet[Recommendation]:
    return Recommendation.objects.prefetch_related("themes").order_by("mechanism", "sort_key", "pk")


def latest_status(*, published_only: bool = False) -> Subquery:
    """The status of a recommendation's latest assessment (by date, then by entry), as a subquery: on the
    portal, of its latest *published* assessment."""
    assessments = Assessment.objects.filter(recommendation=OuterRef("pk"))
    if published_only:
        assessments = assessments.filter(is_published=True)
    return Subquery(assessments.order_by("-assessed_on", "-id").values("status")[:1])


def latest_status_is(status: str, *, published_only: bool = False) -> Exists:
    """A condition: the recommendation's latest assessment (by date, then by entry) has ``status``, written
    as "one with that status and none after it", which the database answers with one join over the
    assessments instead of a sorted subquery for every recommendation (the portal's status filter at
    270,000 rows, docs/benchmarks.md). Same answer as filtering on ``latest_status``."""
    assessments = Assessment.objects.all()
    if published_only:
        assessments = assessments.filter(is_published=True)
    later = assessments.filter(recommendation_id=OuterRef("recommendation_id")).filter(
        Q(assessed_on__gt=OuterRef("assessed_on"))
        | Q(assessed_on=OuterRef("assessed_on"), pk__gt=OuterRef("pk"))
    )
    return Exists(assessments.filter(recommendation_id=OuterRef("pk"), status=status).filter(~Exists(later)))


def public_recommendations() -> QuerySet[Recommendation]:
    """What the public portal may show: published recommendations, nothing else (decision "public portal").
    Every public read starts here."""
    return Recommendation.objects.filter(is_published=True)


def public_assessments() -> QuerySet[Assessment]:
    return Assessment.objects.filter(is_published=True, recommendation__is_published=True)


def public_list() -> QuerySet[Recommendation]:
    """The portal's list: published recommendations, the status of each one's latest published assessment,
    their themes (a constant number of queries, whatever the number of rows)."""
    return (
        public_recommendations()
        .annotate(current_status=latest_status(published_only=True))
        .prefetch_related("themes")
        .order_by("mechanism", "sort_key", "pk")
    )


def _public_documents() -> QuerySet[Any]:
    """Kept documents cited as evidence that were published elsewhere (they have a source address): their
    title and address only. (The documents app sits above this one: its model is reached by the field.)"""
    document = Assessment._meta.get_field("evidence_documents").related_model
    return document._default_manager.exclude(source_url="").only("pk", "title", "source_url")  # type: ignore[union-attr]


def public_detail() -> QuerySet[Recommendation]:
    """One published recommendation with what the portal shows of it: its tags, the bodies responsible,
    the measures planned (what and by when only) and its published assessments with their evidence."""
    return (
        public_recommendations()
        .annotate(current_status=latest_status(published_only=True))
        .select_related("owner")
        .prefetch_related(
            "themes",
            "affected_persons",
            "sdg_goals",
            "sdg_targets__goal",
            "clusters",
            "assignments__body",
            "measures__body",
            Prefetch(
                "assessments",
                queryset=Assessment.objects.filter(is_published=True)
                .select_related("body")
                .prefetch_related(
                    "evidence_sections__report__body",
                    "evidence_sections__section",
                    "evidence_legal_documents",
                    "evidence_activities__body",
                    Prefetch(
                        "evidence_documents",
                        queryset=_public_documents(),
                        to_attr="public_documents",
                    ),
                )
                .order_by("-assessed_on", "-id"),
                to_attr="public_assessments",
            ),
        )
    )


def recommendation_detail() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("owner", "created_by").prefetch_related(
        "themes",
        "affected_persons",
        "sdg_goals",
        "sdg_targets__goal",
        "clusters",
        "assignments__body",
        "measures",
        "assessments__body",
        "assessments__evidence_sections__report__body",
        "assessments__evidence_sections__section",
        "assessments__evidence_tasks__body",
        "assessments__evidence_tasks__directive",
        "assessments__evidence_activities__body",
        "assessments__evidence_legal_documents",
        "assessments__evidence_documents",
    )


def evidence_readable(recommendation: Recommendation, *, user: Any) -> dict[str, set[int]]:
    """Which cited tasks and kept documents ``user`` may open (one query each, none when nothing is cited):
    the others are named without a link."""
    from rightstrack.core.scope import scoped
    from rightstrack.followup.models import Task
    from rightstrack.followup.selectors import evidence_documents

    tasks = {t.pk for a in recommendation.assessments.all() for t in a.evidence_tasks.all()}
    documents = {d.pk for a in recommendation.assessments.all() for d in a.evidence_documents.all()}
    return {
        "tasks": set(scoped(user, Task.objects.filter(pk__in=tasks)).values_list("pk", flat=True))
        if tasks
        else set(),
        "documents": set(evidence_documents(user=user).filter(pk__in=documents).values_list("pk", flat=True))
        if documents
        else set(),
    }


@dataclass(frozen=True)
class FacetValue:
    param: str  # the filter's name in the query string
    value: str  # its value there
    label: str
    count: int
    english: bool = False  # a name with no Vietnamese one yet (marked lang="en" on the page)


@dataclass(frozen=True)
class Facet:
    param: str
    title: Any
    values: list[FacetValue]


@dataclass(frozen=True)
class FacetCounts:
    """What a filtered list's total and facets are made of, without a word of any language (so that it can
    be kept once for both): ``(value, count)`` pairs for the mechanism and the position, and for each tag
    facet ``(the term's column values, count)``, the most frequent first."""

    total: int
    mechanism: list[tuple[str, int]]
    position: list[tuple[str, int]]
    tags: dict[str, list[tuple[dict[str, Any], int]]]


TAG_FACETS = (("theme", Theme), ("persons", AffectedPersons), ("sdg", SdgGoal))


def facet_counts(queryset: QuerySet[Recommendation], *, count: bool = True) -> FacetCounts:
    """How many of the filtered recommendations there are (``count``; else -1, the paginator counts), and
    fall under each mechanism, position, theme, group and SDG goal: one grouped query per facet, whatever
    the number of rows."""
    ids = queryset.order_by().values("pk")
    by_mechanism = queryset.order_by().values("mechanism").annotate(n=Count("pk")).order_by("-n", "mechanism")
    by_position = (
        queryset.order_by().exclude(position="").values("position").annotate(n=Count("pk")).order_by("-n")
    )

    def tagged(model: Any) -> list[tuple[dict[str, Any], int]]:
        rows = (
            model.objects.filter(recommendations__in=ids)
            .annotate(n=Count("recommendations"))
            .order_by("-n", "pk")[:FACET_SIZE]
        )
        columns = [f.attname for f in model._meta.concrete_fields]
        return [({c: getattr(row, c) for c in columns}, row.n) for row in rows]

    return FacetCounts(
        total=queryset.order_by().count() if count else -1,
        mechanism=[(r["mechanism"], r["n"]) for r in by_mechanism],
        position=[(r["position"], r["n"]) for r in by_position],
        tags={param: tagged(model) for param, model in TAG_FACETS},
    )


def facets_of(counts: FacetCounts) -> list[Facet]:
    """The facets of ``counts`` named in the reader's language."""
    from django.utils.translation import gettext_lazy as _
    from django.utils.translation import pgettext_lazy

    mechanisms = dict(Mechanism.choices)
    positions = dict(Position.choices)

    def tagged(param: str, model: Any) -> list[FacetValue]:
        terms = [(model(**values), n) for values, n in counts.tags.get(param, [])]
        return [
            FacetValue(param, str(term.pk), str(term), n, english=not getattr(term, "name_vi", "x"))
            for term, n in terms
        ]

    return [
        Facet(
            "mechanism",
            _("Mechanism"),
            [FacetValue("mechanism", v, str(mechanisms.get(v, v)), n) for v, n in counts.mechanism],
        ),
        Facet(
            "position",
            pgettext_lazy("UN recommendation", "Position"),
            [FacetValue("position", v, str(positions.get(v, v)), n) for v, n in counts.position],
        ),
        Facet("theme", _("Theme"), tagged("theme", Theme)),
        Facet("persons", _("Affected persons"), tagged("persons", AffectedPersons)),
        Facet("sdg", pgettext_lazy("filter", "SDG goal"), tagged("sdg", SdgGoal)),
    ]


def facets(queryset: QuerySet[Recommendation]) -> list[Facet]:
    """The facets of the filtered recommendations (their counts, ``facet_counts``, named)."""
    return facets_of(facet_counts(queryset, count=False))


def taxonomy() -> dict[str, Any]:
    """Every theme and group with how many recommendations carry it (the user's scope aside: these are
    reference data, and the counts say how much each is used)."""
    return {
        "themes": list(Theme.objects.annotate(n=Count("recommendations")).order_by("name")),
        "groups": list(AffectedPersons.objects.annotate(n=Count("recommendations")).order_by("name")),
    }


HOME_ROWS = 8


def home_assigned(*, user: Any) -> dict[str, Any] | None:
    """The home panel: recommendations assigned to the user's own bodies (lead first), each with its latest
    assessment; None when there are none. Three queries, whatever the number."""
    from django.db.models import Prefetch

    from rightstrack.core.scope import scope_root
    from rightstrack.recommendations.models import Assessment, Assignment

    root = scope_root(user)
    if root is None:
        return None
    mine = Assignment.objects.filter(body__path__startswith=root.path).select_related(
        "body", "recommendation"
    )
    rows = list(
        mine.prefetch_related(
            Prefetch(
                "recommendation__assessments",
                queryset=Assessment.objects.order_by("-assessed_on", "-id"),
            )
        ).order_by("role", "recommendation__mechanism", "recommendation__sort_key", "pk")[:HOME_ROWS]
    )
    if not rows:
        return None
    return {
        "rows": [
            {"assignment": a, "latest": next(iter(a.recommendation.assessments.all()), None)} for a in rows
        ],
        "total": mine.count(),
    }


# The evidence an assessment may cite ---------------------------------------------------------------------


def _under_responsible(recommendation: Recommendation, lookup: str) -> Any:
    """A condition: ``lookup`` (a body's path) lies under a body the recommendation is assigned to."""
    condition = Q(pk__in=[])
    for assignment in recommendation.assignments.all():
        condition |= Q(**{f"{lookup}__startswith": assignment.body.path})
    return condition


def evidence_choices(
    recommendation: Recommendation, *, user: Any, cited: Assessment | None = None
) -> dict[str, QuerySet[Any]]:
    """What an assessment of ``recommendation`` may cite, as ``user`` sees it: report sections, tasks and
    activities of the bodies it is assigned to (and of the bodies under them), the register's laws and
    policies, the kept documents the user reads. Scoped; one query each when listed. With ``cited`` (an
    assessment being changed), what it cites already stays offered even if its body is no longer
    responsible."""
    from rightstrack.activities.selectors import activity_list
    from rightstrack.core.scope import scoped
    from rightstrack.followup.selectors import evidence_documents, evidence_legal_documents, task_list
    from rightstrack.reporting.models import ReportSection

    def offered(lookup: str, field: str) -> Q:
        condition = _under_responsible(recommendation, lookup)
        if cited is not None:
            condition = condition | Q(pk__in=getattr(cited, field).values("pk"))
        return condition

    sections = (
        ReportSection.objects.filter(offered("report__body__path", "evidence_sections"))
        .exclude(html="")
        .select_related("report__body", "report__cycle", "section")
        .order_by("-report__cycle__period_end", "report__body__name", "section__order", "pk")
    )
    return {
        "sections": scoped(user, sections),
        "tasks": scoped(user, task_list().filter(offered("body__path", "evidence_tasks"))).order_by(
            "due_on", "pk"
        ),
        "activities": scoped(
            user, activity_list().filter(offered("body__path", "evidence_activities"))
        ).order_by("-date", "-pk"),
        "legal_documents": evidence_legal_documents(),
        "documents": evidence_documents(user=user),
    }


# Groups: the recommendations by theme or by the State's own clusters, counted by status ----------------

GROUP_BY_THEME = "theme"
GROUP_BY_CLUSTER = "cluster"
NOT_ASSESSED = "not_assessed"  # the status of a recommendation no assessment was recorded for yet
CHART_GROUPS = 20  # groups drawn in the chart (the largest); the table lists them all


@dataclass(frozen=True)
class Group:
    """One theme or cluster (``term`` None: the recommendations in none) and how many of the listed
    recommendations are at each status (``NOT_ASSESSED`` included)."""

    term: Any
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        return self.term.display_name if self.term is not None else ""


def status_keys() -> list[str]:
    from rightstrack.recommendations.choices import ImplementationStatus

    return [NOT_ASSESSED, *ImplementationStatus.values]


def groups(queryset: QuerySet[Recommendation], *, by: str) -> list[Group]:
    """The recommendations of ``queryset`` (already scoped and filtered) by theme or cluster, counted by the
    status of each one's latest assessment: one grouped query and one for the names, whatever the number of
    rows. A recommendation under two themes counts in both; those under none make the last group."""
    from rightstrack.recommendations.models import Cluster

    field, model = ("clusters", Cluster) if by == GROUP_BY_CLUSTER else ("themes", Theme)
    rows = (
        Recommendation.objects.filter(pk__in=queryset.order_by().values("pk"))
        .annotate(latest=latest_status())
        .values(field, "latest")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    counts: dict[Any, dict[str, int]] = {}
    for row in rows:
        bucket = counts.setdefault(row[field], dict.fromkeys(status_keys(), 0))
        bucket[row["latest"] or NOT_ASSESSED] += row["n"]
    terms = model.objects.in_bulk([pk for pk in counts if pk is not None])
    found = [Group(terms[pk], c) for pk, c in counts.items() if pk in terms]
    found.sort(key=lambda g: (-g.total, g.label.casefold()))
    if None in counts:
        found.append(Group(None, counts[None]))
    return found
