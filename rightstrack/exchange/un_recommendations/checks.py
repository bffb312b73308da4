"""Checks across the rows of one file, whatever its format."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightstrack.core.text import fold
from rightstrack.exchange.un_recommendations.columns import UHRI_COLUMNS
from rightstrack.exchange.un_recommendations.rows import (
    WARNING,
    ParsedFile,
    Problem,
    Row,
)


def check_duplicates(parsed: ParsedFile, *, id_column: str = "", text_column: str = "") -> None:
    """Two rows with one id, or one number with two different texts, are errors (which is right cannot be
    told); the same recommendation twice (the same text) is kept once, with a warning."""
    seen_ids: dict[str, Row] = {}
    seen_numbers: dict[tuple[str, str, str], Row] = {}
    kept: list[Row] = []
    for row in parsed.rows:
        if row.external_id:
            first = seen_ids.get(row.external_id)
            if first is not None:
                parsed.problems.append(
                    Problem(
                        _("The id “%(id)s” is also on row %(first)s: each recommendation once, please.")
                        % {"id": row.external_id, "first": first.row},
                        row=row.row,
                        column=id_column or UHRI_COLUMNS["id"][0],
                        code="duplicate_id",
                    )
                )
                continue
            seen_ids[row.external_id] = row
        if row.number:
            key = (row.mechanism, row.session, row.number)
            first = seen_numbers.get(key)
            if first is not None and not (row.external_id and first.external_id):
                if fold(first.text) != fold(row.text):
                    parsed.problems.append(
                        Problem(
                            _(
                                "Recommendation %(number)s appears again with a different text (first on row "
                                "%(first)s); correct the number or the text."
                            )
                            % {"number": row.number, "first": first.row},
                            row=row.row,
                            column=text_column or _("Recommendation"),
                            code="number_conflict",
                        )
                    )
                else:
                    parsed.problems.append(
                        Problem(
                            _(
                                "Recommendation %(number)s appears twice (also on row %(first)s); it is "
                                "imported once."
                            )
                            % {"number": row.number, "first": first.row},
                            row=row.row,
                            column=text_column or _("Recommendation"),
                            level=WARNING,
                            code="repeated",
                        )
                    )
                continue
            seen_numbers.setdefault(key, row)
        kept.append(row)
    parsed.rows = kept
