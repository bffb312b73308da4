"""The cycle ZIP export in a real browser: the request answers at once with the job's page, which watches the
job's progress without reloading and ends on the download."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_run
from tests.conftest import World, build_world
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    """The shared test world; jobs are queued and left for the test to run, as a worker would."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DUMMY_TASKS
    return build_world()


def test_the_cycle_zip_answers_at_once_and_the_page_follows_the_job_to_the_download(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    cycle = world.reporting().cycle
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("secretariat")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{cycle.get_absolute_url()}")
    export = page.locator(f'a[href="/reporting/cycles/{cycle.pk}/reports.zip"]').first
    started = time.monotonic()
    with page.expect_navigation():
        export.click()
    answered = time.monotonic() - started
    job = Job.objects.get(kind="reporting.cycle_zip")
    assert page.url == f"{live_server.url}/jobs/{job.pk}/"
    assert job.state == JobState.QUEUED  # the page came back before any work was done
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("#job-progress")).to_have_attribute("data-state", "queued")
    page.evaluate("window.__stillTheSamePage = true")

    job_run(job_id=job.pk)  # a worker takes the job; the page polls its fragment every second

    download_link = page.locator("[data-job-download]")
    expect(download_link).to_be_visible(timeout=10_000)
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.locator("#job-progress")).to_have_attribute("data-state", "succeeded")
    assert page.evaluate("window.__stillTheSamePage") is True  # no reload: htmx swapped the fragment
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / "reports.zip"
    info.value.save_as(saved)
    with zipfile.ZipFile(io.BytesIO(saved.read_bytes())) as archive:
        assert sorted(archive.namelist()) == [
            "bao-cao-nhan-quyen-2025-01-2025-06-can-tho.docx",
            "bao-cao-nhan-quyen-2025-01-2025-06-da-nang.docx",
        ]
    assert info.value.suggested_filename == "bao-cao-nhan-quyen-2025-01-2025-06.zip"
    print(f"\nexport request answered in {answered:.2f} s (job queued, not run)")
