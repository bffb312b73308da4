"""A parsed document's headings matched to an outline's sections: the import plan the user reviews.

``match_sections`` assigns the content under each heading to the section the heading names; whatever matches
nothing is kept in an *unplaced* part, never dropped. The plan is a value: the user moves parts between
sections (``apply_moves``) and confirms; the caller then saves ``assignments`` and ``unplaced_html``.

Matching (``headings.SectionMatcher``) compares normal forms with each section's titles and aliases in both
languages: exactly first, then by word overlap with typo-tolerant words (difflib), see
``headings.FUZZY_THRESHOLD``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.exchange import letter
from rightstrack.exchange.docx_reader import ParsedDocument, no_headings, parse_docx
from rightstrack.exchange.headings import FUZZY_THRESHOLD, MatchHow, SectionMatcher, normalise, tokens
from rightstrack.exchange.html import html_to_text
from rightstrack.exchange.specs import SectionSpec
from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES

UNPLACED = "unplaced"
LETTER = "letter"  # the letter's furniture (national header, number, recipients, signature): kept aside
TARGETS_OUTSIDE_SECTIONS = (UNPLACED, LETTER)

POSSIBLE_HEADING_THRESHOLD = 0.85
"""A bold line without numbering is often mere emphasis: it becomes a heading on an exact match, or on a
fuzzy one this close."""


# Sections and matching ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadingMatch:
    """What the matcher decided for one heading, for the preview."""

    part_id: str
    text: str
    level: int
    section_key: str | None
    score: float
    how: MatchHow
    also: tuple[str, ...] = ()  # a combined heading ("II. HẠN CHẾ, KHÓ KHĂN"): the other sections it names


@dataclass(frozen=True)
class ImportPart:
    """Consecutive content that moves as one: the text under one heading (or before the first)."""

    id: str
    target: str  # a section key or UNPLACED
    suggested: str  # the target the matcher chose
    heading: str  # the document's heading ("" for text before the first heading)
    body_html: str
    heading_in_body: bool  # an unmatched heading is already part of the body as <h3>/<h4>
    kind: str = (
        "content"  # "content"; "letter" (furniture); "note" (a pointer written for a combined heading)
    )

    @property
    def html(self) -> str:
        """The part's HTML where it now goes: in the unplaced part, a matched heading is kept as <h3>."""
        if self.target == UNPLACED and self.heading and not self.heading_in_body:
            return f"<h3>{html.escape(self.heading)}</h3>{self.body_html}"
        return self.body_html

    @property
    def text(self) -> str:
        return html_to_text(self.html)


@dataclass(frozen=True)
class ImportPlan:
    parts: tuple[ImportPart, ...]
    matches: tuple[HeadingMatch, ...]
    section_keys: tuple[str, ...]

    @property
    def assignments(self) -> dict[str, str]:
        """Section key → HTML, in template order, only sections that receive something."""
        collected: dict[str, list[str]] = {key: [] for key in self.section_keys}
        for part in self.parts:
            if part.target in collected and part.html:
                collected[part.target].append(part.html)
        return {key: "".join(chunks) for key, chunks in collected.items() if chunks}

    @property
    def unplaced_html(self) -> str:
        return "".join(part.html for part in self.parts if part.target == UNPLACED)

    @property
    def letter_html(self) -> str:
        """The letter's furniture, kept with the document and out of the sections."""
        return "".join(part.html for part in self.parts if part.target == LETTER)

    @property
    def letter_details(self) -> dict[str, Any]:
        """What the furniture says (``letter.details``: number, place and date, signer…) and its text; empty
        when the document has none."""
        text = "\n".join(part.text for part in self.parts if part.target == LETTER and part.html)
        if not text.strip():
            return {}
        return letter.details(text) | {"text": text}

    def part(self, part_id: str) -> ImportPart:
        for part in self.parts:
            if part.id == part_id:
                return part
        raise ValidationError(
            _("This part of the document no longer exists; upload the document again."), code="unknown_part"
        )

    def move(self, part_id: str, to_key: str) -> ImportPlan:
        """A new plan with one part moved to a section (or to UNPLACED)."""
        return apply_moves(self, {part_id: to_key})


def apply_moves(plan: ImportPlan, moves: Mapping[str, str]) -> ImportPlan:
    """A new plan with each part in ``moves`` sent to the section key given (or UNPLACED); refuses unknown
    parts (``unknown_part``) and sections (``unknown_section``) without changing anything."""
    for part_id, to_key in moves.items():
        plan.part(part_id)
        if to_key not in TARGETS_OUTSIDE_SECTIONS and to_key not in plan.section_keys:
            raise ValidationError(
                _("There is no section “%(key)s” in this report's template.") % {"key": to_key},
                code="unknown_section",
            )
    parts = tuple(replace(part, target=moves[part.id]) if part.id in moves else part for part in plan.parts)
    return replace(plan, parts=parts)


def match_sections(parsed: ParsedDocument, sections: Sequence[SectionSpec]) -> ImportPlan:
    """Assign the content under each heading to the section it names (see the module docstring).

    Content before the first heading, and under a heading that names no section, goes to UNPLACED with that
    heading kept as <h3>. An unmatched heading deeper than the matched heading above it is a sub-heading: it
    and its content stay in that section, as <h3>/<h4>.

    The letter's furniture (``exchange.letter``: national header, number, place and date, "Nơi nhận:",
    signature) goes to LETTER. A heading that names several sections ("II. HẠN CHẾ, KHÓ KHĂN") feeds each
    from its own sub-heading or lead-in ("Khó khăn:"); a section it names that gets nothing of its own gets a
    short note pointing to the section that holds the text.
    """
    matcher = SectionMatcher(sections)
    titles = {section.key: section.title for section in sections}
    furniture_at = letter.furniture(parsed.blocks)
    builders: list[dict[str, Any]] = []
    matches: list[HeadingMatch] = []
    section_target: str = UNPLACED  # the section the last matched heading opened
    section_level = 0
    top_section: str | None = None  # the level-1 section being read, to prefer its sub-sections
    sub_levels: list[int] = []  # levels of the unmatched sub-headings open inside the current section
    combined: dict[str, Any] | None = None  # a heading that names several sections, while its text is read

    def open_part(
        target: str, heading: str, heading_in_body: bool, body: str = "", kind: str = "content"
    ) -> dict[str, Any]:
        builder = {
            "id": f"part-{len(builders) + 1}",
            "target": target,
            "heading": heading,
            "heading_in_body": heading_in_body,
            "body": [body] if body else [],
            "kind": kind,
        }
        builders.append(builder)
        return builder

    def close_combined() -> None:
        nonlocal combined
        if combined is None:
            return
        fed = [b["target"] for b in builders[combined["start"] :] if b["body"] and b["kind"] == "content"]
        if fed:
            holder = titles.get(fed[0], fed[0])
            for key in combined["keys"]:
                if key not in fed:
                    note = _("This is covered in the document under “%(heading)s”, with “%(section)s”.") % {
                        "heading": combined["heading"],
                        "section": holder,
                    }
                    open_part(key, combined["heading"], False, f"<p><em>{html.escape(note)}</em></p>", "note")
        combined = None

    current: dict[str, Any] | None = None
    any_heading = False
    for index, block in enumerate(parsed.blocks):
        if index in furniture_at:
            if current is None or current["kind"] != "letter":
                current = open_part(LETTER, "", False, kind="letter")
            current["body"].append(block.html or f"<p>{html.escape(block.text)}</p>")
            continue
        if current is not None and current["kind"] != "content":
            current = None  # text after the furniture (or a note) is a part of its own
        is_content = block.kind != "heading"
        if not is_content:
            key, score, how = matcher.match(block.text, context=top_section)
            if not block.certain and how == "fuzzy" and score < POSSIBLE_HEADING_THRESHOLD:
                key, how = None, "none"
            is_content = (
                key is None
                and not block.certain
                and not (combined and _lead_in(block.text, combined["pieces"]))
            )
        if is_content:
            lead = _lead_in(block.text, combined["pieces"]) if combined else None
            if lead is not None and (current is None or current["target"] != lead):
                current = open_part(lead, block.text.split("\n")[0][:MAX_LEAD_IN_CHARS], False)
            current = current or open_part(UNPLACED, "", False)
            current["body"].append(block.html)
            continue
        any_heading = True
        if combined is not None and block.level <= combined["level"]:
            close_combined()
        pieces = matcher.match_combined(block.text, context=top_section) if how != "exact" else []
        if pieces:  # not one section's exact title, but pieces that name two sections or more
            keys = list(dict.fromkeys(piece[1] for piece in pieces))
            current = open_part(keys[0], block.text, False)
            combined = {
                "keys": keys,
                "pieces": [(normalise(piece[0]).split(), piece[1]) for piece in pieces],
                "level": block.level,
                "heading": block.text,
                "start": len(builders) - 1,
                "scores": {piece[1]: piece[2] for piece in reversed(pieces)},
                "how": {piece[1]: piece[3] for piece in reversed(pieces)},
            }
            exact = all(piece[3] == "exact" for piece in pieces)
            score = min(piece[2] for piece in pieces)
            matches.append(
                HeadingMatch(
                    current["id"],
                    block.text,
                    block.level,
                    keys[0],
                    score,
                    "exact" if exact else "fuzzy",
                    also=tuple(keys[1:]),
                )
            )
            section_target, section_level = keys[0], block.level
            top_section = matcher.parents.get(keys[0]) or keys[0]
            sub_levels = []
            continue
        if combined and block.level > combined["level"] and how != "exact":
            lead = _lead_in(block.text, combined["pieces"])
            if lead is not None:  # "2. Khó khăn" under "II. HẠN CHẾ, KHÓ KHĂN"
                key, score, how = lead, combined["scores"][lead], combined["how"][lead]
        if key is not None:
            current = open_part(key, block.text, False)
            section_target, section_level = key, block.level
            top_section = matcher.parents.get(key) or key
        elif section_target != UNPLACED and block.level > section_level:
            while sub_levels and sub_levels[-1] >= block.level:
                sub_levels.pop()
            sub_levels.append(block.level)
            tag = "h3" if len(sub_levels) == 1 else "h4"
            current = open_part(section_target, block.text, True, f"<{tag}>{html.escape(block.text)}</{tag}>")
            matches.append(HeadingMatch(current["id"], block.text, block.level, key, score, how))
            continue
        else:
            current = open_part(UNPLACED, block.text, True, f"<h3>{html.escape(block.text)}</h3>")
            section_target, section_level, top_section = UNPLACED, block.level, None
        sub_levels = []
        matches.append(HeadingMatch(current["id"], block.text, block.level, key, score, how))
    close_combined()
    if not any_heading:
        raise no_headings()
    parts = tuple(
        ImportPart(
            id=b["id"],
            target=b["target"],
            suggested=b["target"],
            heading=b["heading"],
            body_html="".join(b["body"]),
            heading_in_body=b["heading_in_body"],
            kind=b["kind"],
        )
        for b in builders
    )
    return ImportPlan(parts=parts, matches=tuple(matches), section_keys=tuple(s.key for s in sections))


MAX_LEAD_IN_CHARS = 120


def _lead_in(text: str, pieces: Sequence[tuple[list[str], str]]) -> str | None:
    """The section a paragraph opens under a combined heading: it starts with one of the heading's pieces
    and says so ("Khó khăn: …", "- Về hạn chế:", "1. Khó khăn"), or is that piece alone."""
    first_line = text.split("\n")[0]
    words = tokens(first_line)
    if words[:1] in (["ve"], ["about"], ["on"]):  # "Về khó khăn: …"
        words = words[1:]
    for piece_words, key in pieces:
        if piece_words and words[: len(piece_words)] == piece_words:
            head = first_line.split(":", 1)[0]
            if len(words) <= len(piece_words) + 1 or len(tokens(head)) <= len(piece_words) + 2 < len(words):
                return key
    return None


def import_docx(
    data: bytes, sections: Sequence[SectionSpec], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ImportPlan:
    """``parse_docx`` then ``match_sections``: the plan to preview."""
    return match_sections(parse_docx(data, max_bytes=max_bytes), sections)


__all__ = [
    "FUZZY_THRESHOLD",
    "UNPLACED",
    "LETTER",
    "HeadingMatch",
    "ImportPart",
    "ImportPlan",
    "apply_moves",
    "import_docx",
    "match_sections",
]
