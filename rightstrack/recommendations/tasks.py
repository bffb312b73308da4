"""Background work for recommendations: thin wrappers, safe to run again."""

from __future__ import annotations

from django_tasks import task


@task()
def warm_portal_counts() -> bool:
    """Count the portal's unfiltered list for the published data's current version (queued after each
    change, ``published.changed``), so that the first anonymous reader after it does not wait."""
    from rightstrack.recommendations import published

    return published.warm()
