"""Word styles and numbering as the reader needs them: style chains, heading levels, list formats, on/off
flags. python-docx gives the styles and their base styles; numbering and document defaults it does not model,
so those are read from the XML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.enum.style import WD_STYLE_TYPE

from rightstrack.core.text import fold
from rightstrack.exchange.docx_blocks import qn

MAX_STYLE_DEPTH = 20
_STYLE_HEADING = re.compile(
    r"^(?:heading|tieu de|dau de|de muc|tieu de muc|titre|uberschrift|encabezado|kop)\s*([1-9])$"
)
_STYLE_TITLE = {"title", "tieu de", "tua de", "ten tai lieu", "titre", "titel", "titulo"}
_FALSE_VALUES = {"0", "false", "off", "none"}


class WordStyles:
    """The styles of one document, resolved as Word would for what the importer reads."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, Any] = {style.style_id: style for style in document.styles}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default_paragraph_style: str | None = default.style_id if default is not None else None
        defaults = document.styles.element.find(qn("w:docDefaults"))
        self.default_rpr = (
            defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        )
        self.numbering = self._numbering_formats(document.part)

    def chain(self, style_id: str | None) -> list[Any]:
        """The style's element and those it is based on, nearest first (a loop in the document is cut)."""
        chain: list[Any] = []
        seen: set[str] = set()
        style = self.by_id.get(style_id) if style_id else None
        while style is not None and style.style_id not in seen and len(chain) < MAX_STYLE_DEPTH:
            seen.add(style.style_id)
            chain.append(style.element)
            style = style.base_style
        return chain

    def paragraph_chain(self, p: Any) -> list[Any]:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val")) if style is not None else self.default_paragraph_style
        return self.chain(style_id)

    def heading_level(self, p: Any, chain: list[Any]) -> int | None:
        """The level from an outline level (paragraph, then style) or from the style's name."""
        outline = p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        for holder in [outline, *(s.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") for s in chain)]:
            if holder is not None:
                value = holder.get(qn("w:val"), "")
                if value.isdigit() and int(value) < 9:
                    return int(value) + 1
                break  # level 9 ("body text") on the paragraph or its nearest style ends the search
        for style in chain[:1]:
            name_element = style.find(qn("w:name"))
            name = fold(name_element.get(qn("w:val"), "") if name_element is not None else "")
            name = " ".join(name.casefold().split())
            if match := _STYLE_HEADING.match(name):
                return int(match.group(1))
            if name in _STYLE_TITLE:
                return 1
        return None

    def num_pr(self, p: Any, chain: list[Any]) -> tuple[str | None, int]:
        for holder in [p, *chain]:
            num_pr = holder.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is None:
                continue
            num_id_element = num_pr.find(qn("w:numId"))
            ilvl_element = num_pr.find(qn("w:ilvl"))
            num_id = num_id_element.get(qn("w:val")) if num_id_element is not None else None
            ilvl_value = ilvl_element.get(qn("w:val"), "0") if ilvl_element is not None else "0"
            ilvl = int(ilvl_value) if ilvl_value.isdigit() else 0
            return (num_id if num_id not in (None, "0") else None), min(ilvl, 8)
        return None, 0

    def _numbering_formats(self, part: Any) -> dict[tuple[str, int], str]:
        """(numId, level) → numFmt ("bullet", "decimal", "lowerLetter"...)."""
        try:
            numbering = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            # python-docx raises NotImplementedError for a document that has no numbering part at all.
            return {}
        abstract: dict[str, dict[int, str]] = {}
        for definition in numbering.iterchildren(qn("w:abstractNum")):
            levels: dict[int, str] = {}
            for lvl in definition.iterchildren(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                ilvl = lvl.get(qn("w:ilvl"), "0")
                if ilvl.isdigit():
                    levels[int(ilvl)] = fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal"
            abstract[definition.get(qn("w:abstractNumId"), "")] = levels
        formats: dict[tuple[str, int], str] = {}
        for num in numbering.iterchildren(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId"))
            if abstract_id is None:
                continue
            for ilvl, fmt in abstract.get(abstract_id.get(qn("w:val"), ""), {}).items():
                formats[(num.get(qn("w:numId"), ""), ilvl)] = fmt
        return formats

    def flag(self, rpr_holders: Iterable[Any], tag: str) -> bool:
        """The first explicit on/off value of ``tag`` (w:b, w:i, w:u) among run properties, nearest first."""
        for rpr in rpr_holders:
            if rpr is None:
                continue
            element = rpr.find(qn(tag))
            if element is not None:
                value = (element.get(qn("w:val")) or "true").lower()
                return value not in _FALSE_VALUES
        return False

    # Runs ------------------------------------------------------------------------------------------------
