"""Suggestions, decisions and retraining: the tagger's answers are kept with the model version that made
them; an accepted tag becomes real (a recommendation's own SDGs and themes, with who and when), a rejected
one is remembered; only the text's keeper decides; a retrained version is used only when it measures
better, and the tagger in use follows it."""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from rightstrack.core.models import AuditEntry
from rightstrack.nlp.tagging import ENGINE
from rightstrack.recommendations.models import SdgGoal
from rightstrack.tagging import labels, selectors
from rightstrack.tagging.choices import SuggestionState, TargetKind
from rightstrack.tagging.models import Suggestion, TaggerVersion
from rightstrack.tagging.services import (
    suggestion_accept,
    suggestion_reject,
    suggestions_make,
    tag_untagged,
    tagger_train,
)
from rightstrack.tagging.taggers import tagger_for
from rightstrack.tagging.targets import Target

pytestmark = pytest.mark.django_db


def pending(obj: Any, taxonomy: str, code: str, section_key: str = "") -> Suggestion:
    """A pending suggestion made by hand (the tagger's own choices are tested apart)."""
    target = Target.of(obj, section_key)
    return Suggestion.objects.create(
        taxonomy=taxonomy, code=code, score=0.7, model_version="test", **target.lookup
    )


def test_suggestions_carry_the_model_version_and_skip_tags_already_there(
    recommendations: Any, world: Any
) -> None:
    made = suggestions_make(actor=world.secretariat, obj=recommendations.upr)
    assert made, "the zero-shot taggers suggest something for a recommendation about education"
    for suggestion in made:
        assert suggestion.state == SuggestionState.PENDING
        assert suggestion.model_version == tagger_for(suggestion.taxonomy).version
        assert suggestion.taxonomy in {"sdg-goal", "sdg-target", "uhri-theme", "affected-persons"}
    # SDG 4 is already the recommendation's own goal: it is not suggested again
    assert ("sdg-goal", "4") not in {(s.taxonomy, s.code) for s in made}
    assert AuditEntry.objects.filter(action="suggested").count() == 1
    # asked again: the same pending suggestions, updated, not doubled
    again = suggestions_make(actor=world.secretariat, obj=recommendations.upr)
    assert sorted(s.pk for s in again) == sorted(s.pk for s in made)


def test_accepting_sets_the_recommendations_own_goal_with_who_and_when(
    recommendations: Any, world: Any
) -> None:
    suggestion = pending(recommendations.cedaw, "sdg-goal", "5")
    accepted = suggestion_accept(actor=world.secretariat, suggestion=suggestion)
    assert accepted.state == SuggestionState.ACCEPTED
    assert accepted.decided_by == world.secretariat and accepted.decided_at is not None
    assert list(recommendations.cedaw.sdg_goals.values_list("number", flat=True)) == [5]
    assert AuditEntry.objects.filter(action="accepted", object_id=str(suggestion.pk)).exists()
    # changing one's mind: the tag is taken away again
    suggestion_reject(actor=world.secretariat, suggestion=accepted)
    assert not recommendations.cedaw.sdg_goals.exists()
    assert Suggestion.objects.get(pk=suggestion.pk).state == SuggestionState.REJECTED


def test_accepting_a_theme_sets_the_recommendations_theme(recommendations: Any, world: Any) -> None:
    suggestion = pending(recommendations.cedaw, "uhri-theme", "right-to-education")
    suggestion_accept(actor=world.secretariat, suggestion=suggestion)
    assert [t.name for t in recommendations.cedaw.themes.all()] == ["Right to education"]


def test_a_decision_twice_is_refused(recommendations: Any, world: Any) -> None:
    suggestion = pending(recommendations.cedaw, "sdg-goal", "5")
    suggestion_reject(actor=world.secretariat, suggestion=suggestion)
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        suggestion_reject(actor=world.secretariat, suggestion=suggestion)
    assert "từ chối" in caught.value.messages[0]


def test_only_the_keeper_decides(recommendations: Any, world: Any) -> None:
    national = pending(recommendations.cedaw, "sdg-goal", "5")
    with pytest.raises(Http404):  # focal_a does not see the national committee's recommendation
        suggestion_accept(actor=world.users["focal_a"], suggestion=national)
    with pytest.raises(PermissionDenied):  # the reviewer sees it but does not keep it
        suggestion_accept(actor=world.users["reviewer"], suggestion=national)
    assert Suggestion.objects.get(pk=national.pk).state == SuggestionState.PENDING
    assert not recommendations.cedaw.sdg_goals.exists()


def test_report_sections_are_tagged_and_decided_by_their_writer(reporting: Any, world: Any) -> None:
    report = reporting.report_a
    made = suggestions_make(actor=world.users["focal_a"], obj=report)
    assert made and {s.section_key for s in made} == {"situation"}
    assert {s.kind for s in made} == {TargetKind.REPORT_SECTION}
    chosen = made[0]
    suggestion_accept(actor=world.users["focal_a"], suggestion=chosen)
    assert Suggestion.objects.get(pk=chosen.pk).decided_by == world.users["focal_a"]
    with pytest.raises(Http404):
        suggestion_reject(actor=world.users["focal_b"], suggestion=made[-1])
    with pytest.raises(Http404):
        suggestions_make(actor=world.users["focal_b"], obj=report)


def test_an_empty_text_is_refused_and_nothing_is_stored(reporting: Any, world: Any) -> None:
    report = reporting.report_b  # B's report has no text in any section
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        suggestions_make(actor=world.users["secretariat"], obj=report)
    assert "trống" in caught.value.messages[0]
    assert not Suggestion.objects.exists()


def test_decisions_are_labels_for_the_next_training(recommendations: Any, reporting: Any, world: Any) -> None:
    rejected = pending(recommendations.upr, "sdg-goal", "4")  # the UN said 4; a person says no
    suggestion_reject(actor=world.secretariat, suggestion=rejected)
    section = pending(reporting.report_a, "sdg-goal", "16", "situation")
    suggestion_accept(actor=world.users["focal_a"], suggestion=section)
    examples = dict(labels.training_examples("sdg-goal"))
    assert recommendations.upr.text not in examples  # its only label was rejected
    assert examples["Tình hình ổn định, có tiến bộ."] == frozenset({"16"})


def test_retraining_measures_and_is_used_only_when_better(labelled: Any, world: Any) -> None:
    first = tagger_train(actor=world.secretariat, taxonomy="sdg-goal")
    assert first.examples >= 24 and 0 <= first.figures["macro_f1"] <= 1
    assert AuditEntry.objects.filter(action="trained").count() == 1
    zero_shot_won = not first.active
    if first.active:
        assert selectors.active_tagger("sdg-goal").version == first.version  # type: ignore[union-attr]
    # the same labels again: the same tagger, nothing new stored
    assert tagger_train(actor=world.secretariat, taxonomy="sdg-goal").pk == first.pk
    assert AuditEntry.objects.filter(action="retrained_unchanged", object_id=str(first.pk)).count() == 1
    # a version in use that measured perfectly cannot be beaten
    TaggerVersion.objects.filter(pk=first.pk).update(active=True, figures={"macro_f1": 1.0})
    suggestion_accept(actor=world.secretariat, suggestion=pending(labelled[0], "sdg-goal", "16"))
    second = tagger_train(actor=world.secretariat, taxonomy="sdg-goal")
    assert second.pk != first.pk and not second.active
    assert "kept aside" in second.note
    assert TaggerVersion.objects.get(active=True, taxonomy="sdg-goal").pk == first.pk
    # once the version in use measures worse, the next one replaces it
    TaggerVersion.objects.filter(pk=first.pk).update(figures={"macro_f1": 0.0})
    suggestion_accept(actor=world.secretariat, suggestion=pending(labelled[1], "sdg-goal", "5"))
    third = tagger_train(actor=world.secretariat, taxonomy="sdg-goal")
    assert third.active and not TaggerVersion.objects.get(pk=first.pk).active
    assert selectors.active_tagger("sdg-goal").version == third.version  # type: ignore[union-attr]
    assert tagger_for("sdg-goal").version == third.version
    del zero_shot_won


def saved_by(data: bytes, engine: str) -> bytes:
    """A saved tagger's bytes as another engine would have written them (an earlier rightstrack)."""
    archive = np.load(io.BytesIO(data), allow_pickle=False)
    arrays = {name: archive[name] for name in archive.files}
    header = json.loads(arrays["header"].tobytes().decode()) | {"engine": engine}
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def test_a_version_in_use_that_this_installation_cannot_load_gives_way_to_the_stand_in(
    labelled: Any, world: Any, client_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """After an upgrade that changed the engine (or a change of embedding model), tagging goes on with the
    stand-in tagger, the page says why, and the next retraining is put in use."""
    first = tagger_train(actor=world.secretariat, taxonomy="sdg-goal")
    old = first.version.replace(ENGINE, "tagger-0")
    TaggerVersion.objects.filter(pk=first.pk).update(
        version=old, active=True, figures={"macro_f1": 1.0}, model=saved_by(bytes(first.model), "tagger-0")
    )
    assert selectors.active_tagger("sdg-goal") is None
    assert "saved by engine tagger-0" in selectors.refusal("sdg-goal")
    assert "cannot be used here" in caplog.text
    assert tagger_for("sdg-goal").version not in (old, first.version)  # the stand-in, trained here
    made = suggestions_make(actor=world.secretariat, obj=labelled[0])
    assert made and {s.model_version for s in made if s.taxonomy == "sdg-goal"} != {old}
    page = client_for("secretariat").get(reverse("tagging:taxonomy_detail", args=["sdg-goal"]))
    assert 'data-testid="active-refused"' in page.content.decode()
    assert "saved by engine tagger-0" in page.content.decode()
    # its perfect stored figure was measured by an engine that cannot run here: the next version replaces it
    suggestion_accept(actor=world.secretariat, suggestion=pending(labelled[1], "sdg-goal", "5"))
    second = tagger_train(actor=world.secretariat, taxonomy="sdg-goal")
    assert second.active and not TaggerVersion.objects.get(pk=first.pk).active
    assert selectors.refusal("sdg-goal") == "" and tagger_for("sdg-goal").version == second.version
    page = client_for("secretariat").get(reverse("tagging:taxonomy_detail", args=["sdg-goal"]))
    assert 'data-testid="active-refused"' not in page.content.decode()


def test_retraining_needs_labels_and_the_right_role(recommendations: Any, world: Any) -> None:
    with pytest.raises(PermissionDenied):
        tagger_train(actor=world.users["focal_a"], taxonomy="sdg-goal")
    with translation.override("vi"), pytest.raises(ValidationError):
        tagger_train(actor=world.secretariat, taxonomy="sdg-goal")  # three labelled texts only
    with pytest.raises(ValidationError):
        tagger_train(actor=world.secretariat, taxonomy="no-such-taxonomy")
    assert not TaggerVersion.objects.exists()


def test_tag_all_untagged_reaches_each_untagged_text_once(recommendations: Any, world: Any) -> None:
    made = tag_untagged(actor=world.secretariat, taxonomy="sdg-goal")
    tagged = set(Suggestion.objects.filter(taxonomy="sdg-goal").values_list("recommendation_id", flat=True))
    # upr carries SDG 4 already; cedaw and the province's are untagged
    assert recommendations.upr.pk not in tagged
    assert {recommendations.cedaw.pk, recommendations.province.pk} <= tagged
    assert made == Suggestion.objects.filter(taxonomy="sdg-goal").count()
    assert tag_untagged(actor=world.secretariat, taxonomy="sdg-goal") == 0
    assert SdgGoal.objects.count() == 17
