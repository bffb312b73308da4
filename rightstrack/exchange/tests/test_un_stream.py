"""The recommendations' CSV and JSON written in pieces: the same bytes as the files made whole, and a memory
that does not grow with the rows."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from rightstrack.exchange import un_recommendations as un

FIELDS = ("number", "text", "themes", "document_date", "external_id")


def records(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        yield {
            "number": f"140.{n}",
            "text": f'=Tăng cường "giáo dục" quyền con người\nở {n} trường' if n % 3 == 0 else f"Protect {n}",
            "themes": ["- Women", "Trẻ em"] if n % 2 else [],
            "document_date": None if n % 5 else "2026-12-02",
            "external_id": "",
        }


@pytest.mark.parametrize("count", [0, 1, 2, 199, 200, 201, 450])
def test_the_pieces_make_the_same_file(count: int) -> None:
    assert b"".join(un.stream_json(records(count))) == un.records_to_json(list(records(count)))
    assert b"".join(un.stream_csv(records(count), FIELDS)) == un.records_to_csv(list(records(count)), FIELDS)
    if count:
        assert json.loads(b"".join(un.stream_json(records(count))))[0]["number"] == "140.0"


def test_memory_does_not_grow_with_the_rows() -> None:
    """10,000 records take no more memory to stream than 1,000 (each piece is gone once sent)."""

    def peak(count: int, write: Any) -> int:
        tracemalloc.start()
        for _piece in write(records(count)):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    for write in (un.stream_json, lambda rows: un.stream_csv(rows, FIELDS)):
        small, large = peak(1_000, write), peak(10_000, write)
        assert large < small * 1.5, (small, large)
