"""Every write of the tagging app: suggesting tags for a text, accepting and rejecting them, retraining a
tagger and tagging what is untagged. Keyword-only, scope-checked, atomic, audited; the long ones are jobs
(``jobs.py`` wraps them), and the slow part of a retraining (embedding, fitting, measuring) runs before the
short transaction that stores its result."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.core.audit import audit_event, audit_record, snapshot
from rightstrack.core.jobs.models import Job
from rightstrack.core.jobs.registry import Progress
from rightstrack.core.jobs.services import job_enqueue
from rightstrack.core.scope import ensure_can
from rightstrack.core.types import Actor
from rightstrack.nlp.tagging import Label, Tagger, evaluate, train, version_of
from rightstrack.recommendations.services import recommendation_update
from rightstrack.tagging import labels, selectors
from rightstrack.tagging.choices import SuggestionState, TaggingJob, TargetKind, TaxonomyKey
from rightstrack.tagging.models import Suggestion, TaggerVersion
from rightstrack.tagging.taggers import embedder, tagger_for
from rightstrack.tagging.targets import (
    RECOMMENDATION_FIELDS,
    Target,
    recommendation_codes,
    recommendation_term,
    with_term,
)
from rightstrack.tagging.taxonomies import seed_examples
from rightstrack.tagging.taxonomies import taxonomy as taxonomy_of

MEASURE = "macro_f1"  # the figure a new version must beat to be used
MIN_EXAMPLES = 20  # fewer labelled texts than this: nothing to measure a new version on
BATCH = 64  # texts tagged at once by "tag all untagged"


def _check_taxonomy(key: str) -> str:
    if key not in TaxonomyKey.values:
        raise ValidationError(
            _("Unknown taxonomy %(key)s: use one of %(keys)s.")
            % {"key": key, "keys": ", ".join(TaxonomyKey.values)}
        )
    return key


# Suggestions ------------------------------------------------------------------------------------------------


def _store(target: Target, key: str, found: Sequence[Label], version: str) -> tuple[list[Suggestion], int]:
    """Make the pending suggestions of ``target`` for ``key`` what the tagger found: new terms added, the
    score and version of those still pending brought up to date, pending ones it no longer finds removed.
    Decided suggestions stay as people left them. Returns (the pending suggestions, how many were new)."""
    existing = {s.code: s for s in Suggestion.objects.filter(taxonomy=key, **target.lookup)}
    skip = recommendation_codes(target.obj, key) if target.kind == TargetKind.RECOMMENDATION else set()
    wanted = {label.code: label for label in found if label.code not in skip}
    stale = [
        s.pk for code, s in existing.items() if s.state == SuggestionState.PENDING and code not in wanted
    ]
    Suggestion.objects.filter(pk__in=stale).delete()
    new, changed, pending = [], [], []
    for code, label in wanted.items():
        row = existing.get(code)
        if row is None:
            row = Suggestion(
                taxonomy=key, code=code, score=label.score, model_version=version, **target.lookup
            )
            new.append(row)
        elif row.state == SuggestionState.PENDING:
            row.score, row.model_version = label.score, version
            changed.append(row)
        else:
            continue
        pending.append(row)
    Suggestion.objects.bulk_create(new)
    Suggestion.objects.bulk_update(changed, ["score", "model_version"])
    return pending, len(new)


def _targets_of(obj: Any, section_key: str) -> list[Target]:
    """The texts of ``obj`` to tag: a report's sections (one, or every section with text), else the object."""
    from rightstrack.reporting.models import Report

    if isinstance(obj, Report):
        keys = [section_key] if section_key else selectors.report_section_keys(obj)
        return [Target.of(obj, key) for key in keys]
    return [Target.of(obj)]


def suggestions_make(*, actor: Actor, obj: Any, section_key: str = "") -> list[Suggestion]:
    """Ask the taggers which terms apply to a text (a recommendation, a report's section — or every section
    with text —, a conference's minutes, a document) and keep their answers as pending suggestions.

    The taggers read the texts before the transaction opens (embedding, and training the stand-in tagger
    where no version is in use yet, take seconds of CPU); the suggestions are stored in one transaction."""
    ensure_can(actor, "tagging.decide_suggestion", obj)
    targets = _targets_of(obj, section_key)
    texts = [target.text() for target in targets]
    if not any(text.strip() for text in texts):
        raise ValidationError(_("This text is empty: there is nothing to tag."))
    answers: list[tuple[str, str, list[tuple[Target, list[Label]]]]] = []
    for key in dict.fromkeys(k for target in targets for k in target.taxonomies):
        if not selectors.terms(key):
            continue  # no term yet (no theme imported): nothing to suggest from
        tagger = tagger_for(key)
        chosen = [
            (t, text) for t, text in zip(targets, texts, strict=True) if text.strip() and key in t.taxonomies
        ]
        found_all = tagger.tag([text for _target, text in chosen])
        answers.append(
            (key, tagger.version, [(t, found) for (t, _), found in zip(chosen, found_all, strict=True)])
        )
    return _suggestions_store(actor=actor, obj=obj, section_key=section_key, targets=targets, answers=answers)


def suggestions_request(*, actor: Actor, obj: Any, section_key: str = "") -> Job:
    """Queue ``suggestions_make`` for one text (the API's way in: the first suggestion of a taxonomy may train
    the stand-in tagger, which takes longer than a request should). Refused at once when the actor may not
    decide the text's tags, or the text is empty."""
    ensure_can(actor, "tagging.decide_suggestion", obj)
    targets = _targets_of(obj, section_key)
    if not any(target.text().strip() for target in targets):
        raise ValidationError(_("This text is empty: there is nothing to tag."))
    return job_enqueue(
        actor=actor,
        kind=TaggingJob.SUGGEST.value,
        params={"kind": targets[0].kind, "id": obj.pk, "section": section_key},
    )


@transaction.atomic
def _suggestions_store(
    *,
    actor: Actor | None,
    obj: Any,
    section_key: str,
    targets: list[Target],
    answers: list[tuple[str, str, list[tuple[Target, list[Label]]]]],
) -> list[Suggestion]:
    made: list[Suggestion] = []
    summary: dict[str, list[str]] = {}
    for key, version, found_by_target in answers:
        for target, found in found_by_target:
            pending, _new = _store(target, key, found, version)
            made.extend(pending)
            summary.setdefault(key, []).extend(s.code for s in pending)
    audit_event(
        model=Suggestion,
        action="suggested",
        object_repr=str(obj),
        after={"kind": targets[0].kind, "object": obj.pk, "section": section_key, "suggested": summary},
        actor=actor,
    )
    return made


def suggestions_record(
    *,
    actor: Actor | None,
    obj: Any,
    section_key: str = "",
    taxonomy: str,
    found: Sequence[Label],
    version: str,
) -> list[Suggestion]:
    """Keep what a tagger found for one text elsewhere (the ``rightstrack tag`` batch's output, the demo's
    recorded answers) as its pending suggestions, exactly as ``suggestions_make`` keeps its own: unknown
    terms are refused, decided suggestions stay as people left them."""
    _check_taxonomy(taxonomy)
    if actor is not None:
        ensure_can(actor, "tagging.decide_suggestion", obj)
    if _is_report(obj) and not section_key:
        raise ValidationError(_("Name the report's section these tags are for."))
    target = _targets_of(obj, section_key)[0]
    if taxonomy not in target.taxonomies:
        raise ValidationError(_("This kind of text is not tagged with this taxonomy."))
    known = {term.code for term in selectors.terms(taxonomy)}
    unknown = sorted(label.code for label in found if label.code not in known)
    if unknown:
        raise ValidationError(
            _("Unknown terms for this taxonomy: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    answers = [(taxonomy, version, [(target, list(found))])]
    return _suggestions_store(
        actor=actor, obj=obj, section_key=section_key, targets=[target], answers=answers
    )


def _is_report(obj: Any) -> bool:
    from rightstrack.reporting.models import Report

    return isinstance(obj, Report)


def _decide(actor: Actor, suggestion: Suggestion, state: str) -> Suggestion:
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    ensure_can(actor, "tagging.decide_suggestion", locked)
    if locked.state == state:
        raise ValidationError(
            _("This suggestion has already been accepted.")
            if state == SuggestionState.ACCEPTED
            else _("This suggestion has already been rejected.")
        )
    before = snapshot(locked)
    if locked.kind == TargetKind.RECOMMENDATION:
        _set_on_recommendation(actor, locked, present=state == SuggestionState.ACCEPTED)
    locked.state, locked.decided_at, locked.decided_by = state, timezone.now(), actor  # type: ignore[assignment]
    locked.save(update_fields=["state", "decided_at", "decided_by"])
    audit_record(obj=locked, action=state, before=before, actor=actor)
    return locked


def _set_on_recommendation(actor: Actor, suggestion: Suggestion, *, present: bool) -> None:
    """An accepted tag of a recommendation is one of its own themes, groups or SDGs: set (or, rejected after
    it was accepted, taken away) through the recommendations' service, which checks and audits it."""
    field = RECOMMENDATION_FIELDS.get(suggestion.taxonomy)  # type: ignore[call-overload]
    recommendation = suggestion.recommendation
    assert recommendation is not None
    term = recommendation_term(suggestion.taxonomy, suggestion.code) if field else None
    if term is None:
        if present:
            raise ValidationError(_("This term is no longer in the taxonomy; it cannot be added."))
        return
    current = list(getattr(recommendation, field).all())
    if (term in current) == present:
        return
    recommendation_update(
        actor=actor, recommendation=recommendation, **{field: with_term(current, term, present=present)}
    )


@transaction.atomic
def suggestion_accept(*, actor: Actor, suggestion: Suggestion) -> Suggestion:
    """The term applies: the tag becomes real (on a recommendation, in its own field), with who and when."""
    return _decide(actor, suggestion, SuggestionState.ACCEPTED)


@transaction.atomic
def suggestion_reject(*, actor: Actor, suggestion: Suggestion) -> Suggestion:
    """The term does not apply: kept as a rejection (a label for the next training); a tag accepted before
    is taken away."""
    return _decide(actor, suggestion, SuggestionState.REJECTED)


# Retraining -------------------------------------------------------------------------------------------------


def tagger_retrain_start(*, actor: Actor, taxonomy: str) -> Job:
    """Queue the retraining of ``taxonomy``'s tagger on every label the database holds."""
    _check_taxonomy(taxonomy)
    ensure_can(actor, "tagging.retrain_tagger")
    return job_enqueue(actor=actor, kind=TaggingJob.RETRAIN.value, params={"taxonomy": taxonomy})


def _progress(progress: Progress | None) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    state = {"done": 0}

    def report(done: int, total: int) -> None:
        step = done - state["done"]
        state["done"] = done
        if step > 0:
            progress.advance(
                step,
                gettext_noop("Reading the labelled texts: %(done)s of %(total)s"),
                done=done,
                total=total,
            )

    return report


def tagger_train(*, actor: Actor, taxonomy: str, progress: Progress | None = None) -> TaggerVersion:
    """Train ``taxonomy``'s tagger on every label (the UN's own, and every accepted or rejected suggestion),
    measured on held-out folds; store it, and put it in use only when it measures better than the tagger in
    use: the active version, or with none the stand-in ``taggers.tagger_for`` trains (the zero-shot tagger
    where that cannot be measured). Both learn from the shipped seeds too; at least ``MIN_EXAMPLES`` texts
    labelled by the UN or by people are needed."""
    _check_taxonomy(taxonomy)
    ensure_can(actor, "tagging.retrain_tagger")
    examples = labels.training_examples(taxonomy)
    seeds = {text for text, _codes in seed_examples(taxonomy)}
    labelled = sum(1 for text, _codes in examples if text not in seeds)  # the seeds teach, they are no news
    if labelled < MIN_EXAMPLES:
        raise ValidationError(
            _(
                "Only %(count)s labelled texts for this taxonomy: at least %(minimum)s are needed to measure "
                "a new version."
            )
            % {"count": labelled, "minimum": MIN_EXAMPLES}
        )
    terms = taxonomy_of(taxonomy)
    version = version_of(terms, embedder(), examples)
    stored = TaggerVersion.objects.filter(taxonomy=taxonomy, version=version).first()
    if stored is not None:  # the same labels as a stored version: the same tagger, not trained again
        return _unchanged(actor, stored)
    if progress is not None:
        progress.start(len(examples), gettext_noop("Reading the labelled texts…"))
    tagger = train(terms, embedder(), examples, progress=_progress(progress))
    active = selectors.active_version(taxonomy)
    if active is not None and selectors.active_tagger(taxonomy) is not None:
        baseline, against = active.figures.get(MEASURE), active.version
    else:  # the tagger in use is the stand-in (the seeds and a share of the labels, ``taggers.tagger_for``):
        # there is no version in use, or this installation cannot use it (``selectors.refusal``)
        in_use = tagger_for(taxonomy)
        baseline, against = in_use.figures.get(MEASURE), in_use.version
        if baseline is None:
            if progress is not None:
                progress.advance(0, gettext_noop("Measuring the tagger without training…"))
            baseline, against = (
                evaluate(terms, embedder(), examples, zero_shot_only=True).macro_f1,
                "zero-shot",
            )
    return _store_version(actor, taxonomy, tagger, len(examples), baseline, against)


def _unchanged(actor: Actor, stored: TaggerVersion) -> TaggerVersion:
    """A retraining that found its tagger stored already: recorded, and nothing else changes."""
    audit_event(
        model=TaggerVersion,
        action="retrained_unchanged",
        object_id=str(stored.pk),
        object_repr=str(stored),
        after={"taxonomy": stored.taxonomy, "version": stored.version},
        actor=actor,
    )
    return stored


@transaction.atomic
def _store_version(
    actor: Actor, taxonomy: str, tagger: Tagger, examples: int, baseline: float | None, against: str
) -> TaggerVersion:
    measured = tagger.figures.get(MEASURE)
    existing = TaggerVersion.objects.filter(taxonomy=taxonomy, version=tagger.version).first()
    if existing is not None:  # stored while this one trained (another job): the same tagger
        return _unchanged(actor, existing)
    better = measured is not None and (baseline is None or measured > float(baseline))
    note = {"measure": MEASURE, "measured": measured, "baseline": baseline, "against": against}
    current = TaggerVersion.objects.select_for_update().filter(taxonomy=taxonomy, active=True).first()
    if better and current is not None:
        current.active = False
        current.save(update_fields=["active"])
        audit_record(
            obj=current, action="deactivated", before={"active": True}, after={"active": False}, actor=actor
        )
    version = TaggerVersion.objects.create(
        taxonomy=taxonomy,
        version=tagger.version,
        model=tagger.to_bytes(),
        figures={k: float(v) for k, v in tagger.figures.items()},
        examples=examples,
        active=better,
        note=_note(note, better),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(obj=version, action="trained", after=snapshot(version) | {"comparison": note}, actor=actor)
    return version


def _note(comparison: dict[str, Any], better: bool) -> str:
    """Stored in English as data; the page says it in the reader's language from the figures."""
    measured, baseline = comparison["measured"], comparison["baseline"]
    shown = "—" if measured is None else f"{measured:.3f}"
    than = "—" if baseline is None else f"{float(baseline):.3f}"
    verdict = "in use" if better else "kept aside"
    return f"{verdict}: {comparison['measure']} {shown} against {than} ({comparison['against']})"[:300]


# Tag all untagged -----------------------------------------------------------------------------------------


def tag_untagged_start(*, actor: Actor, taxonomy: str) -> Job:
    """Queue the tagging of every text in the actor's scope with no tag and no suggestion for ``taxonomy``."""
    _check_taxonomy(taxonomy)
    ensure_can(actor, "tagging.tag_untagged")
    return job_enqueue(actor=actor, kind=TaggingJob.TAG_UNTAGGED.value, params={"taxonomy": taxonomy})


def tag_untagged(*, actor: Actor, taxonomy: str, progress: Progress | None = None) -> int:
    """Suggest ``taxonomy``'s terms for every untagged text the actor sees, in batches (each its own
    transaction, so a stopped job keeps what it did and a second run goes on from there). Returns how many
    suggestions were made."""
    _check_taxonomy(taxonomy)
    ensure_can(actor, "tagging.tag_untagged")
    targets = list(selectors.untagged(actor, taxonomy))
    if progress is not None:
        progress.start(len(targets), gettext_noop("Tagging %(count)s texts…"), count=len(targets))
    if not targets or not selectors.terms(taxonomy):
        return 0
    tagger = tagger_for(taxonomy)
    made = 0
    for start in range(0, len(targets), BATCH):
        batch = targets[start : start + BATCH]
        made += _tag_batch(actor, taxonomy, tagger, batch)
        if progress is not None:
            progress.advance(
                len(batch),
                gettext_noop("Tagged %(done)s of %(total)s texts"),
                done=start + len(batch),
                total=len(targets),
            )
    return made


@transaction.atomic
def _tag_batch(actor: Actor, taxonomy: str, tagger: Tagger, batch: Iterable[Target]) -> int:
    rows = [(target, target.text()) for target in batch]
    rows = [(target, text) for target, text in rows if text.strip()]
    made = 0
    summary = []
    for (target, _text), found in zip(rows, tagger.tag([text for _target, text in rows]), strict=True):
        _pending, new = _store(target, taxonomy, found, tagger.version)
        made += new
        summary.append([target.kind, target.obj.pk, target.section_key, [label.code for label in found]])
    audit_event(
        model=Suggestion,
        action="suggested_untagged",
        object_repr=taxonomy,
        after={"taxonomy": taxonomy, "version": tagger.version, "texts": summary},
        actor=actor,
    )
    return made
