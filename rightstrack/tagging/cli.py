"""`rightstrack tag` (the batch contract) and `rightstrack nlp evaluate` (the taggers' measured accuracy).

    rightstrack tag --taxonomy {sdg-goal,sdg-target,uhri-theme,affected-persons,work-area}
        stdin: JSON Lines, one {"id": ..., "text": ...} per line
        stdout: JSON Lines, one {"id": ..., "labels": [{"code": "16", "score": 0.91}, ...]} per good line, in
        input order, the labels the tagger decides apply, highest score first
    rightstrack nlp evaluate --taxonomy T [--folds 5] [--data DIR] [--json]

Progress and problems go to stderr; a bad line (not JSON, no id, no text, empty, binary, over 1 MB, in a
language we do not read) is reported there with its line number and id, and the others are tagged. Exit
status 0 when every line was tagged, 1 when any line failed, 2 on bad usage (an unknown taxonomy).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from rightstrack.nlp.language import UNKNOWN, detect_language
from rightstrack.nlp.tagging import (
    Evaluation,
    Example,
    Taxonomy,
    Term,
    agreement,
    evaluate,
    near_identical,
)
from rightstrack.nlp.text import normalize
from rightstrack.tagging.taxonomies import (
    AFFECTED_PERSONS,
    NAMES_SHARE,
    TAXONOMY_KEYS,
    THRESHOLD_SHRINK,
    UHRI_THEME,
    WORK_AREA,
    UnknownTaxonomy,
    read_jsonl,
)
from rightstrack.tagging.upr_sessions import (
    canonical_examples,
    session_files,
    session_rows,
    session_term,
)

MAX_TEXT_BYTES = 1_000_000  # a recommendation is a paragraph, a report section a few pages
CHUNK = 256  # lines tagged per batch: one embedding call of up to 64 texts at a time, memory bounded
MIN_LETTERS_TO_TELL = 20  # the language detector's own floor: shorter texts are tagged without asking
MIN_VIETNAMESE_LETTERS = 3  # of ``_VI_ONLY`` or with a hook above or dot below
MIN_LETTER_SHARE = 0.5  # of the non-space characters: below it the "text" is binary or symbols


def log(message: str) -> None:
    print(f"rightstrack: {message}", file=sys.stderr, flush=True)


class BadLine(Exception):
    """A line that cannot be tagged; the message says why."""


@dataclass
class Item:
    number: int
    id: Any
    text: str


def parse_line(number: int, raw: bytes) -> Item:
    """The id and text of one input line, or ``BadLine`` with the reason (the id is kept when known)."""
    if len(raw) > MAX_TEXT_BYTES + 1024:
        raise BadLine(_("the line is over 1 MB; texts of at most 1 MB are tagged"))
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadLine(_("the line is not UTF-8 text")) from None
    try:
        data = json.loads(line)
    except ValueError:
        raise BadLine(_('the line is not JSON: write one {"id": ..., "text": ...} object a line')) from None
    if not isinstance(data, dict):
        raise BadLine(_('the line is not a JSON object: write {"id": ..., "text": ...}'))
    if "id" not in data or data["id"] is None or isinstance(data["id"], dict | list):
        raise BadLine(_('the object has no "id" (a string or a number)'))
    item_id = data["id"]
    text = data.get("text")
    if not isinstance(text, str):
        raise _with_id(item_id, _('the object has no "text" string'))
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise _with_id(item_id, _("the text is over 1 MB; texts of at most 1 MB are tagged"))
    clean = normalize(text)
    if not clean:
        raise _with_id(item_id, _("the text is empty"))
    visible = [ch for ch in clean if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    if "\ufffd" in clean or letters < MIN_LETTER_SHARE * len(visible):
        raise _with_id(item_id, _("the text is not readable text (binary data or symbols)"))
    if letters >= MIN_LETTERS_TO_TELL and detect_language(clean) == UNKNOWN and not _vietnamese(clean):
        raise _with_id(item_id, _("the text is neither Vietnamese nor English, the languages tagged here"))
    return Item(number, item_id, clean)


_VI_ONLY = frozenset("ăđơưĂĐƠƯ")  # letters no other Latin-script language uses (unlike â, ê, ô: French)
_VI_ONLY_MARKS = frozenset("\u0309\u0323")  # hook above, dot below


def _vietnamese(text: str) -> bool:
    """Vietnamese by its own letters, for the short texts (a recommendation's one sentence) in which the
    language detector finds too few function words to be sure."""
    found = sum(
        1
        for ch in text
        if ch in _VI_ONLY or any(mark in _VI_ONLY_MARKS for mark in unicodedata.normalize("NFD", ch))
    )
    return found >= MIN_VIETNAMESE_LETTERS


def _with_id(item_id: Any, reason: str) -> BadLine:
    error = BadLine(reason)
    error.item_id = item_id  # type: ignore[attr-defined]
    return error


def _chunks(stream: IO[bytes]) -> Iterator[list[tuple[int, bytes]]]:
    chunk: list[tuple[int, bytes]] = []
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        chunk.append((number, raw.rstrip(b"\r\n")))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def tag_stream(key: str, stdin: IO[bytes], stdout: IO[str]) -> tuple[int, int]:
    """Tag every line of ``stdin`` onto ``stdout``; (tagged, failed)."""
    from rightstrack.tagging.taggers import tagger_for

    log(_("preparing the %(taxonomy)s tagger") % {"taxonomy": key})
    tagger = tagger_for(key)
    log(_("tagger %(version)s") % {"version": tagger.version})
    tagged = failed = 0
    started = time.perf_counter()
    for chunk in _chunks(stdin):
        items: list[Item] = []
        for number, raw in chunk:
            try:
                items.append(parse_line(number, raw))
            except BadLine as error:
                failed += 1
                item_id = getattr(error, "item_id", None)
                where = (
                    _("line %(line)d (id %(id)s)")
                    % {"line": number, "id": json.dumps(item_id, ensure_ascii=False)}
                    if item_id is not None
                    else _("line %(line)d") % {"line": number}
                )
                log(f"{where}: {error}")
        if items:
            for item, labels in zip(items, tagger.tag([item.text for item in items]), strict=True):
                row = {
                    "id": item.id,
                    "labels": [{"code": label.code, "score": label.score} for label in labels],
                }
                stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            stdout.flush()
            tagged += len(items)
        elapsed = time.perf_counter() - started
        log(
            _("%(tagged)d tagged, %(failed)d failed (%(rate).1f texts/s)")
            % {"tagged": tagged, "failed": failed, "rate": tagged / elapsed if elapsed else 0.0}
        )
    return tagged, failed


def tag_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="rightstrack tag",
        description="Tag texts with a taxonomy: JSON Lines {id, text} on stdin, {id, labels} on stdout.",
    )
    parser.add_argument("--taxonomy", required=True, help=", ".join(TAXONOMY_KEYS))
    args = parser.parse_args(argv)
    if args.taxonomy not in TAXONOMY_KEYS:
        log(str(UnknownTaxonomy(args.taxonomy)))
        return 2
    from rightstrack.nlp.embeddings import ModelUnavailable

    try:
        tagged, failed = tag_stream(args.taxonomy, sys.stdin.buffer, sys.stdout)
    except ModelUnavailable as error:
        log(_("the embedding model cannot be loaded: %(reason)s") % {"reason": error})
        return 1
    except ValueError as error:  # a taxonomy with no terms (no themes imported yet), a stored model refused
        log(str(error))
        return 1
    log(_("%(tagged)d tagged, %(failed)d failed") % {"tagged": tagged, "failed": failed})
    return 1 if failed else 0


# Evaluation ------------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
WORK_AREA_SET = REPO / "benchmarks" / "data" / "tagging_work_areas_vi.jsonl"
SDG_GOAL_SET = REPO / "benchmarks" / "data" / "tagging_sdg_goals.jsonl"


@dataclass
class Section:
    title: str
    evaluation: Evaluation
    names: dict[str, str]
    note: str = ""
    figures: dict[str, float] = field(default_factory=dict)  # more figures for --json (the note says them)

    def as_dict(self) -> dict[str, Any]:
        return {"set": self.title, **self.evaluation.as_dict(), **self.figures} | (
            {"note": self.note} if self.note else {}
        )


def evaluate_named(key: str, folder: Path | None, folds: int, progress: Any) -> list[Section]:
    """Themes or groups: the database's labels cross-validated; each UPR session's labels cross-validated;
    then each session left out in turn, measured by a tagger trained on all the others; last, how far the
    UN's labels of the same ask agree across sessions (``agreement``)."""
    from rightstrack.tagging.taggers import embedder
    from rightstrack.tagging.taxonomies import examples, taxonomy

    sections = []
    held = examples(key)
    if held:
        tax = taxonomy(key)
        names = {t.code: t.name for t in tax.terms}
        result = evaluate(tax, embedder(), held, folds=folds, progress=progress)
        sections.append(
            Section(_("the database's labels, %(folds)d folds") % {"folds": folds}, result, names)
        )
    if folder is None:
        return sections
    rows = session_rows(folder)
    per_session = {s: canonical_examples(key, r) for s, r in rows.items()}
    names = {code: name for _ex, n in per_session.values() for code, name in n.items()}
    terms = tuple(session_term(key, code, name) for code, name in sorted(names.items()))
    tax = Taxonomy(key, terms, THRESHOLD_SHRINK.get(key, 0.0), NAMES_SHARE.get(key, 0.0))
    for session, (data, _names) in per_session.items():
        result = evaluate(tax, embedder(), data, folds=folds, progress=progress)
        sections.append(
            Section(_("%(session)s, %(folds)d folds") % {"session": session, "folds": folds}, result, names)
        )
    for test_on in per_session if len(per_session) > 1 else ():  # each session left out in turn
        train_on = [session for session in per_session if session != test_on]
        train_data = [example for session in train_on for example in per_session[session][0]]
        test_data = per_session[test_on][0]
        result = evaluate(tax, embedder(), train_data, held_out=test_data, progress=progress)
        seen = {code for _text, labels in train_data for code in labels}
        both = result.restricted(seen)
        sections.append(
            Section(
                _("trained on %(train)s, measured on %(test)s (a session not seen)")
                % {"train": " + ".join(train_on), "test": test_on},
                result,
                names,
                _("over the %(count)d terms labelled in both: macro F1 %(f1).1f%%, yes/no %(acc).1f%%")
                % {"count": len(both.measured_terms), "f1": 100 * both.macro_f1, "acc": 100 * both.accuracy},
            )
        )
    for test_on in per_session if len(per_session) > 1 else ():  # the labels' own agreement: a ceiling
        others = [session for session in per_session if session != test_on]
        known = [example for session in others for example in per_session[session][0]]
        texts = per_session[test_on][0]
        pairs = near_identical(embedder(), [t for t, _ in texts], [t for t, _ in known])
        if not pairs:
            continue
        asked = [texts[i] for i, _j in pairs]
        labels = agreement(tax, asked, [known[j] for _i, j in pairs])
        tagger = evaluate(tax, embedder(), known, held_out=asked, progress=progress)
        title = _(
            "the UN's own labels: %(test)s's recommendations that %(others)s made in nearly the same words, "
            "given the labels they had there"
        ) % {"test": test_on, "others": " + ".join(others)}
        note = _(
            "how far the UN's labels of one ask agree across sessions, a yardstick for any tagger measured "
            "on an unseen session. The tagger trained on %(others)s, on the same %(count)d texts: macro F1 "
            "%(f1).1f%%, micro F1 %(micro).1f%%"
        ) % {
            "others": " + ".join(others),
            "count": len(asked),
            "f1": 100 * tagger.macro_f1,
            "micro": 100 * tagger.micro_f1,
        }
        tagger_figures = {"tagger_macro_f1": tagger.macro_f1, "tagger_micro_f1": tagger.micro_f1}
        sections.append(Section(title, labels, names, note, tagger_figures))
    return sections


def evaluate_sdg(key: str, folder: Path | None, folds: int, progress: Any) -> list[Section]:
    """SDG goals or targets: the UN's labels (UPR48's list and the database's) cross-validated; the tagger
    trained on the framework's own texts (the seeds) measured on those UN labels; and the framework's texts
    as held-out texts for a tagger trained on the UN labels, the terms then described by their titles only
    so that those texts are unseen."""
    from rightstrack.recommendations.sdg import read_framework
    from rightstrack.tagging.taggers import embedder
    from rightstrack.tagging.taxonomies import (
        SDG_GOAL,
        examples,
        examples_from_rows,
        seed_examples,
        taxonomy,
        training_examples,
    )

    tax = taxonomy(key)
    names = {t.code: t.name for t in tax.terms}
    labelled = list(examples(key))
    labelled_in = []  # the sessions whose lists carry SDG labels (OHCHR's lists since the 3rd cycle)
    for session, rows in (session_rows(folder) if folder is not None else {}).items():
        found = examples_from_rows(key, rows)
        labelled += found
        labelled_in += [session] if found else []
    sections = []
    if labelled:
        result = evaluate(tax, embedder(), labelled, folds=folds, progress=progress)
        title = _("the UN's labels (%(sessions)s and the database), %(folds)d folds") % {
            "sessions": " + ".join(labelled_in) or "-",
            "folds": folds,
        }
        sections.append(Section(title, result, names))
        result = evaluate(tax, embedder(), seed_examples(key), held_out=labelled, progress=progress)
        title = _("trained on the framework's own texts only, measured on the UN's labels")
        sections.append(Section(title, result, names))
    framework = read_framework()
    if key == SDG_GOAL:
        titles = Taxonomy(
            key, tuple(Term(t.code, t.name, t.name_vi, t.description.split("\n")[0]) for t in tax.terms)
        )
        held = [(t.title, frozenset([str(t.goal)])) for t in framework.targets]
        what = _("the 169 target texts, goals described by their titles only")
    else:
        titles = Taxonomy(key, tuple(Term(t.code, t.name) for t in tax.terms))
        held = [(i.title, frozenset([i.target])) for i in framework.indicators]
        what = _("the indicator texts, targets described by their titles only")
    result = evaluate(titles, embedder(), labelled, held_out=held, progress=progress)
    title = _("trained on the UN's labels, measured on %(what)s") % {"what": what}
    sections.append(Section(title, result, names))
    if key == SDG_GOAL and SDG_GOAL_SET.is_file():  # the hand-written paragraphs (benchmarks/data)
        own = [(row["text"], frozenset(row["goals"])) for row in read_jsonl(SDG_GOAL_SET)]
        result = evaluate(tax, embedder(), training_examples(key), held_out=own, progress=progress)
        title = _("the hand-written paragraph set, tagger trained on the seeds and the database's labels")
        sections.append(Section(title, result, names, _per_term_balanced(result)))
    return sections


def _per_term_balanced(result: Evaluation) -> str:
    figures = ", ".join(f"{t.code} {100 * t.balanced_accuracy:.0f}%" for t in result.terms if t.support)
    return _("balanced yes/no accuracy per term: %(figures)s") % {"figures": figures}


def load_work_area_set(path: Path = WORK_AREA_SET) -> list[Example]:
    return [(row["text"], frozenset([row["area"]])) for row in read_jsonl(path)]


def evaluate_work_areas(folds: int, progress: Any) -> list[Section]:
    """The hand-written Vietnamese paragraphs (benchmarks/data): tagged by the tagger trained on what it is
    trained on in production (the shipped seeds and the database's report paragraphs), by the descriptions
    alone, and cross-validated on themselves."""
    from rightstrack.tagging.taggers import embedder
    from rightstrack.tagging.taxonomies import taxonomy, training_examples

    tax = taxonomy(WORK_AREA)
    names = {t.code: t.name for t in tax.terms}
    held = load_work_area_set()
    trained = evaluate(tax, embedder(), training_examples(WORK_AREA), held_out=held, progress=progress)
    zero = evaluate(tax, embedder(), [], held_out=held, zero_shot_only=True, progress=progress)
    own = evaluate(tax, embedder(), held, folds=folds, progress=progress)
    return [
        Section(
            _("the hand-written set, tagger trained on the seeds and the database's report paragraphs"),
            trained,
            names,
            _single(trained),
        ),
        Section(_("the hand-written set, descriptions only (zero-shot)"), zero, names, _single(zero)),
        Section(_("the hand-written set, %(folds)d folds") % {"folds": folds}, own, names, _single(own)),
    ]


def _single(result: Evaluation) -> str:
    return _(
        "one work area a paragraph: the best-scored area is right for %(share).1f%% of the paragraphs"
    ) % {"share": 100 * result.top1}


def evaluate_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="rightstrack nlp evaluate",
        description="The tagger's precision, recall, F1 and yes/no accuracy per term on held-out texts.",
    )
    parser.add_argument("--taxonomy", required=True, help=", ".join(TAXONOMY_KEYS))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data folder (upr/)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.taxonomy not in TAXONOMY_KEYS:
        log(str(UnknownTaxonomy(args.taxonomy)))
        return 2
    folder: Path | None = args.data
    if folder is None or not session_files(folder):
        log(
            _("%(folder)s has no UN thematic lists (upr/): evaluated on the database's labels only")
            % {"folder": folder}
        )
        folder = None

    def progress(done: int, total: int) -> None:
        if done == total or done % 256 == 0:
            log(_("embedded %(done)d of %(total)d texts") % {"done": done, "total": total})

    if args.taxonomy in (UHRI_THEME, AFFECTED_PERSONS):
        sections = evaluate_named(args.taxonomy, folder, args.folds, progress)
    elif args.taxonomy == WORK_AREA:
        sections = evaluate_work_areas(args.folds, progress)
    else:
        sections = evaluate_sdg(args.taxonomy, folder, args.folds, progress)
    if not sections:
        log(_("nothing to evaluate: no labelled texts for %(taxonomy)s") % {"taxonomy": args.taxonomy})
        return 1
    if args.json:
        print(json.dumps([section.as_dict() for section in sections], ensure_ascii=False, indent=1))
    else:
        for section in sections:
            print(f"## {section.title}")
            print(section.evaluation.format(section.names))
            if section.note:
                print(section.note)
            print()
    return 0


def main(argv: Sequence[str]) -> int:
    """Entry from ``rightstrack.cli`` (Django set up): ``argv`` starts with "tag" or "nlp evaluate"."""
    if argv[:1] == ["tag"]:
        return tag_main(argv[1:])
    if argv[:2] == ["nlp", "evaluate"]:
        return evaluate_main(argv[2:])
    print("usage: rightstrack tag --taxonomy T | rightstrack nlp evaluate --taxonomy T", file=sys.stderr)
    return 2
