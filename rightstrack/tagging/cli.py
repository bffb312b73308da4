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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from rightstrack.nlp.language import UNKNOWN, detect_language
from rightstrack.nlp.text import normalize
from rightstrack.tagging.taxonomies import TAXONOMY_KEYS, UnknownTaxonomy

MAX_TEXT_BYTES = 1_000_000  # a recommendation is a paragraph, a report section a few pages
CHUNK = 256  # lines tagged per batch: one embedding call of up to 64 texts at a time, memory bounded
MIN_LETTERS_TO_TELL = 20  # the language detector's own floor: shorter texts are tagged without asking
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
    if letters >= MIN_LETTERS_TO_TELL and detect_language(clean) == UNKNOWN:
        raise _with_id(item_id, _("the text is neither Vietnamese nor English, the languages tagged here"))
    return Item(number, item_id, clean)


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


def evaluate_main(argv: Sequence[str]) -> int:
    log(_("the evaluation command is not ready yet"))
    return 2


def main(argv: Sequence[str]) -> int:
    """Entry from ``rightstrack.cli`` (Django set up): ``argv`` starts with "tag" or "nlp evaluate"."""
    if argv[:1] == ["tag"]:
        return tag_main(argv[1:])
    if argv[:2] == ["nlp", "evaluate"]:
        return evaluate_main(argv[2:])
    print("usage: rightstrack tag --taxonomy T | rightstrack nlp evaluate --taxonomy T", file=sys.stderr)
    return 2
