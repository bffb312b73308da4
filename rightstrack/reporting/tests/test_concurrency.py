"""Real concurrency (PostgreSQL): two writers on one version, two submits at once — one wins, once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from rightstrack.core.models import AuditEntry
from rightstrack.reporting.choices import ReportStatus, RevisionReason
from rightstrack.reporting.exceptions import StaleReport
from rightstrack.reporting.models import Report, ReportRevision
from rightstrack.reporting.selectors import report_content
from rightstrack.reporting.services import report_save, report_submit

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*calls: Callable[[], Any]) -> list[Any]:
    """Start the calls together in threads; each result is a return value or the exception raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # the outcome under test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself (a second writer waits or fails with 'locked')")


def test_two_saves_on_the_same_version_never_overwrite_each_other(world, report) -> None:
    version = report.version

    def save(user: Any, text: str) -> Callable[[], Any]:
        return lambda: report_save(
            actor=user,
            report=Report.objects.get(pk=report.pk),
            expected_version=version,
            sections={"situation": text},
            figures={},
        )

    results = _race(save(world.focal_hanoi, "<p>Lan</p>"), save(world.focal_hanoi_en, "<p>Anna</p>"))
    winners = [r for r in results if isinstance(r, Report)]
    losers = [r for r in results if isinstance(r, StaleReport)]
    assert len(winners) == 1 and len(losers) == 1, results
    stored = report_content(Report.objects.get(pk=report.pk))["sections"]["situation"]
    assert stored == report_content(winners[0])["sections"]["situation"]
    assert losers[0].sections["situation"] == stored
    assert losers[0].attempted_sections["situation"] != stored


def test_two_submits_at_once_are_one_transition(world, report) -> None:
    def submit() -> Any:
        return report_submit(actor=world.focal_hanoi, report=Report.objects.get(pk=report.pk))

    results = _race(submit, submit, submit)
    assert all(isinstance(r, Report) and r.status == ReportStatus.SUBMITTED for r in results), results
    assert ReportRevision.objects.filter(report=report, reason=RevisionReason.SUBMIT).count() == 1
    assert AuditEntry.objects.filter(object_id=str(report.pk), action="submitted").count() == 1
