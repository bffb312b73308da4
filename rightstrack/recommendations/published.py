"""What the portal shows, as data that has a version (decision 0064).

Every service that changes what the portal shows — publishing or withdrawing a recommendation or an
assessment, changing a published one or its parts, an import that changed recorded rows, renaming a term —
calls ``changed()`` inside its transaction: the version moves on with the data, atomically, and after the
commit the public pages start over and a job counts the unfiltered list again for the new version.

A list's total and facet counts (``selectors.facet_counts``: the count and five GROUP BYs, seconds at
270,000 rows) are kept in the cache under the version and the filter set (``list_counts``). Kept entries are
never wrong: the version is read first, from the database, and an entry of an older one is never read again;
so they need no expiry beyond ``COUNTS_SECONDS`` (to free the cache). The same filters written differently
(a search typed with or without diacritics, filters in another order) share one entry.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Model, QuerySet

from rightstrack.core import public_cache
from rightstrack.core.text import fold
from rightstrack.recommendations.models import PublishedVersion, Recommendation
from rightstrack.recommendations.selectors import FacetCounts, facet_counts

ROW = 1
COUNTS_SECONDS = 7 * 24 * 3600


def version() -> int:
    """The published data's version (one read by primary key)."""
    return PublishedVersion._default_manager.filter(pk=ROW).values_list("number", flat=True).first() or 0


def changed() -> None:
    """Call inside the transaction that changes what the portal shows: the version moves on when it
    commits (and not if it rolls back); after the commit the public pages start over and the unfiltered
    list's counts are made again in a job, so that no reader waits for them."""
    if not PublishedVersion._default_manager.filter(pk=ROW).update(number=F("number") + 1):
        PublishedVersion._default_manager.get_or_create(pk=ROW, defaults={"number": 1})
    transaction.on_commit(public_cache.invalidate)
    transaction.on_commit(_queue_warming)


def _queue_warming() -> None:
    from rightstrack.recommendations.tasks import warm_portal_counts

    warm_portal_counts.enqueue()


def filters_key(cleaned: dict[str, Any]) -> str:
    """The filter set's values, written one way: a search folded as it is matched, a term by its id."""
    items = []
    for name, value in sorted(cleaned.items()):
        if value in (None, "", [], ()):
            continue
        if isinstance(value, Model):
            value = value.pk
        elif name == "q":
            value = " ".join(fold(str(value)).split())
        items.append((name, str(value)))
    return hashlib.sha256(repr(items).encode("utf-8")).hexdigest()


def _cache_key(number: int, key: str) -> str:
    return f"portal:counts:{number}:{key}"


def list_counts(queryset: QuerySet[Recommendation], cleaned: dict[str, Any]) -> FacetCounts:
    """The total and facet counts of ``queryset`` (the portal's list filtered by ``cleaned``, a valid filter
    set's values), kept for the current version."""
    key = _cache_key(version(), filters_key(cleaned))
    kept = cache.get(key)
    if isinstance(kept, FacetCounts):
        return kept
    made = facet_counts(queryset)
    cache.set(key, made, COUNTS_SECONDS)
    return made


def warm() -> bool:
    """Count the unfiltered portal list for the current version unless that is kept already (a second job
    queued by a burst of publishing finds it done). True when it counted."""
    from rightstrack.recommendations.selectors import public_list

    key = _cache_key(version(), filters_key({}))
    if isinstance(cache.get(key), FacetCounts):
        return False
    cache.set(key, facet_counts(public_list()), COUNTS_SECONDS)
    return True
