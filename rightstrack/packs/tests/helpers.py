"""Reading a pack's Word file back, for the tests."""

from __future__ import annotations

import io
from typing import Any

import docx


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def docx_headings(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    return [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name in ("Heading 1", "Heading 2")
    ]


def built_content(pack: Any) -> dict[str, Any]:
    assert pack.content is not None, "the pack has not been built"
    return pack.content  # type: ignore[no-any-return]
