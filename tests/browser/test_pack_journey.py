"""The consolidated pack in a real browser: the standing office makes a pack of the 2024 cycle, builds it,
watches the job's progress and downloads the Word file; the file has every presenting province's text, the
figures table with its totals and the recurring shortcomings in groups naming two provinces or more."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.services import Participants, conference_create
from rightstrack.core.jobs.models import Job, JobState
from rightstrack.core.jobs.services import job_run
from rightstrack.packs.tests.conftest import TEXTS, build_pack_world
from tests.browser.conftest import sign_in
from tests.conftest import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> World:
    """The shared test world; jobs are queued and left for the test to run, as a worker would."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DUMMY_TASKS
    return build_world()


def test_the_office_builds_the_pack_watches_it_and_gets_the_word_file(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    pack_world = build_pack_world(world)
    presenting = [world.committee_a, world.hanoi_committee]
    conference = conference_create(  # the office's review of the 2024 cycle (its own pages are tested apart)
        actor=world.secretariat,
        kind=ConferenceKind.REGIONAL_REVIEW,
        title="Hội nghị sơ kết công tác nhân quyền năm 2024",
        date=datetime.date(2025, 8, 2),
        organiser=world.national,
        cycle=pack_world.cycle,
        participants=Participants(from_cycle=True),
        presenters=presenting,
    )
    sign_in(page.context, live_server.url, world.secretariat, language="vi")

    page.goto(f"{live_server.url}/packs/new/")
    page.get_by_label("Hội nghị").select_option(str(conference.pk))
    page.get_by_role("button", name="Tạo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tài liệu tổng hợp — Hội nghị sơ kết")
    expect(page.get_by_text("Tài liệu này chưa được tổng hợp.")).to_be_visible()

    page.get_by_label("Tệp").select_option("docx")
    with page.expect_navigation():
        page.locator("[data-pack-build]").click()
    job = Job.objects.get(kind="packs.build")
    assert page.url == f"{live_server.url}/jobs/{job.pk}/" and job.state == JobState.QUEUED
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0")

    job_run(job_id=job.pk)  # a worker takes the job; the page follows it

    download = page.locator("[data-job-download]")
    expect(download).to_be_visible(timeout=10_000)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    with page.expect_download() as info:
        download.click()
    saved = tmp_path / "pack.docx"
    info.value.save_as(saved)

    document = docx.Document(io.BytesIO(saved.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    for body in presenting:  # every presenting province's text, marked
        assert f"{body.name} ★" in text
    assert "Thủ đô Hà Nội phát triển ổn định." in text
    assert "Tình hình kinh tế - xã hội của thành phố Đà Nẵng ổn định." in text
    figures = next(t for t in document.tables if "Tổng cộng" in [row.cells[0].text for row in t.rows])
    totals = next(row for row in figures.rows if row.cells[0].text == "Tổng cộng")
    assert "670" in [cell.text for cell in totals.cells]  # awareness sessions: 120 + 150 + 400
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    part = next(i for i, p in enumerate(document.paragraphs) if "Hạn chế, khó khăn chung" in p.text)
    following = [p.text for p in document.paragraphs[part + 1 :]]
    end = next(i for i, t in enumerate(following) if t in headings)
    shared = [m for t in following[:end] if (m := re.search(r"\((\d+) tỉnh: ([^)]*)\)", t))]
    shared = [m for m in shared if int(m.group(1)) >= 2]
    assert len(shared) >= 2  # the part-time commune staff, the thin budget
    assert all(len(m.group(2).split(", ")) == int(m.group(1)) for m in shared)  # each names its provinces
    assert TEXTS["committee_b"]["situation"].removeprefix("<p>").removesuffix("</p>") in text

    page.goto(f"{live_server.url}/packs/")
    page.get_by_role("link", name="Tài liệu tổng hợp — Hội nghị sơ kết công tác nhân quyền năm 2024").click()
    expect(page.locator("#chart-status")).to_be_visible()
    expect(page.locator("[data-pack-theme=shortcomings]")).to_contain_text("Ban Chỉ đạo Đà Nẵng")
