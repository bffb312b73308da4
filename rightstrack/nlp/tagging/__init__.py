"""Tagging: which terms of a taxonomy (SDG goals and targets, UHRI themes, affected persons, work areas) a
text is about, with a score per term and a decision per term (docs/decisions/0054-tagging-engine.md).

One model, two sources of knowledge:

- **zero-shot**: the cosine between the text's embedding (e5 "query") and each term's centroid (the mean of
  its names' and descriptions' e5 "passage" embeddings, English and Vietnamese alike). The multilingual
  model puts a Vietnamese paragraph next to the English description of its term, so no Vietnamese label is
  needed. A term's zero-shot score is ``exp((cos - best cos) / TEMPERATURE)``: 1.0 for the closest term,
  falling fast for the others.
- **supervised**, as soon as labelled examples exist: one logistic regression per term (one-vs-rest, numpy,
  trained for all terms at once) on the text's embedding, the term's zero-shot score and a lexical feature
  (the share of the term's name words present in the text). Its probability is blended with the zero-shot
  score by how many positives the term has (``n / (n + PRIOR_WEIGHT)``): a term seen twice still leans on its
  description.

The decision threshold of each term is the one with the best F1 on held-out folds of the training data
(terms with too few positives keep ``DEFAULT_THRESHOLD``); a taxonomy's ``threshold_shrink`` pulls each
term's threshold towards the one pooled over all terms, by how few positives the term has. Everything is
numpy; a tagger serialises to an ``.npz`` (no pickle) with its taxonomy, weights, thresholds, version and
measured figures.

Modules: ``model.py`` (terms, features, the regressions and thresholds), ``tagger.py`` (``Tagger``,
``train``, ``version_of``), ``evaluation.py`` (``evaluate``, ``Evaluation``, and ``agreement``: how far
two labellings of the same texts agree, ``near_identical``: which texts are one ask); this module
re-exports what callers use.
"""

from rightstrack.nlp.tagging.evaluation import Evaluation, TermFigures, agreement, evaluate, near_identical
from rightstrack.nlp.tagging.model import (
    BATCH,
    ENGINE,
    TEXT_KIND,
    Example,
    Label,
    Taxonomy,
    Term,
    examples_digest,
)
from rightstrack.nlp.tagging.tagger import Tagger, train, version_of

__all__ = [
    "BATCH",
    "ENGINE",
    "TEXT_KIND",
    "Evaluation",
    "Example",
    "Label",
    "Tagger",
    "Taxonomy",
    "Term",
    "TermFigures",
    "agreement",
    "evaluate",
    "examples_digest",
    "near_identical",
    "train",
    "version_of",
]
