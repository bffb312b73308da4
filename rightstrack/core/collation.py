"""Vietnamese alphabetical order in the database, so a paginated list is ordered before it is cut.

PostgreSQL orders with its ICU collation ``vi-x-icu`` (initdb creates it wherever PostgreSQL is built with
ICU, as Debian's and the official images are). SQLite has no Vietnamese collation, so every connection gets
one named ``vi`` that compares with ``core.text.vi_sort_key``; the two agree on names (a test checks the
provinces on both). Other databases order by the column's own collation. Decision 0041.

    Body.objects.order_by(vi_order("name"))          # ORDER BY "name" COLLATE "vi-x-icu" (or "vi")
    sorted(bodies, key=lambda b: vi_sort_key(b.name)) # the same order for a list already in memory
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, F, OrderBy
from django.db.models.functions import Collate

from rightstrack.core.text import vi_sort_key

POSTGRESQL_COLLATION = "vi-x-icu"
SQLITE_COLLATION = "vi"


class Vietnamese(Collate):
    """``expression COLLATE <the Vietnamese collation of this database>``."""

    def __init__(self, expression: Any) -> None:
        super().__init__(expression, SQLITE_COLLATION)

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, Any]:
        if connection.vendor == "postgresql":
            extra["collation"] = connection.ops.quote_name(POSTGRESQL_COLLATION)
        elif connection.vendor != "sqlite":
            return compiler.compile(self.source_expressions[0])  # type: ignore[no-any-return]
        return super().as_sql(compiler, connection, **extra)  # type: ignore[no-any-return]


def vi_order(field: str, *, descending: bool = False) -> OrderBy:
    """An ``order_by`` term: ``field`` (text; relations allowed: "body__name") in Vietnamese order; rows
    without a value (a body with no unit) come last on every database."""
    expression: Expression = Vietnamese(F(field))
    return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)


_cached_key = lru_cache(maxsize=65536)(vi_sort_key)  # names repeat across queries: keys are kept


def _compare(left: str | None, right: str | None) -> int:
    a, b = _cached_key(left or ""), _cached_key(right or "")
    return (a > b) - (a < b)


def register_sqlite_collation(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: teach each new SQLite connection the ``vi`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)
