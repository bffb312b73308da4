"""The pack's files in the official layout (Decree 30/2020/NĐ-CP, decision 0022), read back with python-docx
and pypdf; their names; and a conference's pack following its conference (participants, order of
presentation) with the stale flag."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from typing import Any

import docx
import pypdf
import pytest
from django.utils import translation
from docx.shared import Mm

from rightstrack.bodies.services import letterhead_save
from rightstrack.conferences.choices import ConferenceKind
from rightstrack.conferences.services import Participants, Presenter, conference_create, conference_update
from rightstrack.exchange.official import FONT, MARGINS_MM, MOTTO, NATIONAL_NAME
from rightstrack.packs.selectors import pack_is_stale
from rightstrack.packs.services import pack_build, pack_create, pack_refresh
from rightstrack.packs.tests.helpers import built_content, docx_headings, docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese() -> Any:
    with translation.override("vi"):
        yield


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _conference(world: Any, pack_world: Any, **changes: Any) -> Any:
    fields: dict[str, Any] = {
        "actor": world.secretariat,
        "kind": ConferenceKind.REGIONAL_REVIEW,
        "title": "Hội nghị sơ kết công tác nhân quyền khu vực miền Trung và miền Nam",
        "date": datetime.date(2025, 8, 2),
        "organiser": world.national,
        "cycle": pack_world.cycle,
        "participants": Participants(bodies=[world.committee_a, world.committee_b, world.hanoi_committee]),
        "presenters": [world.hanoi_committee, world.committee_b],
    }
    return conference_create(**(fields | changes))


def test_the_conference_pack_is_an_official_word_document_under_the_organisers_letterhead(world, pack_world):
    letterhead_save(
        actor=None,
        body=world.national,
        issuing_name="Ban Chỉ đạo về nhân quyền của Chính phủ",
        symbol="BC-BCĐ",
        place="Hà Nội",
        recipients="Thủ tướng Chính phủ",
        signer_authority="KT. Trưởng ban",
        signer_position="Phó Trưởng ban thường trực",
        signer_name="Nguyễn Văn An",
    )
    pack = pack_create(actor=world.secretariat, conference=_conference(world, pack_world))
    built = pack_build(actor=world.secretariat, pack=pack, file_format="docx")
    word = docx.Document(io.BytesIO(built.content))
    heading = word.tables[0].rows[0].cells
    assert "BAN CHỈ ĐẠO VỀ NHÂN QUYỀN CỦA CHÍNH PHỦ" in heading[0].text
    assert NATIONAL_NAME in heading[1].text and MOTTO in heading[1].text
    assert re.search(r"Số: \s+/BC-BCĐ", heading[0].text)  # the registry writes the number
    assert re.search(r"Hà Nội, ngày \d\d tháng \d+ năm 20\d\d", heading[1].text)
    texts = [p.text for p in word.paragraphs]
    assert "BÁO CÁO" in texts
    summary = texts[texts.index("BÁO CÁO") + 1]
    assert summary.startswith("Tổng hợp báo cáo") and "hội nghị sơ kết công tác nhân quyền" in summary
    closing = word.tables[-1].rows[0].cells
    recipients = [p.text for p in closing[0].paragraphs]
    assert recipients[0] == "Nơi nhận:" and "- Thủ tướng Chính phủ;" in recipients
    assert recipients[-1] == "- Lưu: VT."
    assert [p.text for p in closing[1].paragraphs if p.text] == [
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
        "Nguyễn Văn An",
    ]
    assert word.styles["Normal"].font.name == FONT
    section = word.sections[0]
    for side, millimetres in MARGINS_MM.items():
        assert abs(getattr(section, f"{side}_margin") - Mm(millimetres)) < Mm(0.1), side
    # The pack's parts, each province's text, the figures with their total, the recurring points.
    headings = docx_headings(built.content)
    for part in ("Tình hình nộp báo cáo", "Số liệu", "Hạn chế, khó khăn chung", "Kiến nghị, đề xuất"):
        assert any(part in h for h in headings), (part, headings)
    text = docx_text(built.content)
    assert "Thủ đô Hà Nội phát triển ổn định." in text
    assert "Thành phố Cần Thơ giữ vững ổn định chính trị." in text
    assert "\t670" in text  # the awareness sessions' total
    # Presenters first, in the conference's order of presentation.
    assert text.index(f"{world.hanoi_committee.name} ★") < text.index(f"{world.committee_b.name} ★")


def test_the_pdf_shows_the_national_header_on_page_one(world, pack_world):
    pack = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    built = pack_build(actor=world.secretariat, pack=pack, file_format="pdf")
    reader = pypdf.PdfReader(io.BytesIO(built.content))
    first = " ".join(nfc(reader.pages[0].extract_text()).split())
    for text in (NATIONAL_NAME, MOTTO, "Số:", "BÁO CÁO", "Tổng hợp báo cáo", world.national.name.upper()):
        assert text in first, text
    everything = nfc(" ".join(page.extract_text() for page in reader.pages))
    assert "Nơi nhận:" in everything and "Thủ đô Hà Nội phát triển ổn định." in everything
    assert b"/Image" in built.content  # the charts


def test_file_names_say_the_cycle_the_region_and_the_conference_never_an_id(world, pack_world):
    whole = pack_create(actor=world.secretariat, cycle=pack_world.cycle)
    assert pack_build(actor=world.secretariat, pack=whole).name == "tong-hop-bao-cao-nhan-quyen-2024.docx"
    conference = _conference(world, pack_world)
    pack = pack_create(actor=world.secretariat, conference=conference)
    name = pack_build(actor=world.secretariat, pack=pack, file_format="pdf").name
    assert name.startswith("tong-hop-bao-cao-nhan-quyen-2024-hoi-nghi-so-ket-cong-tac-nhan-quyen")
    assert name.endswith("-2025-08-02.pdf") and len(name) < 120
    assert f"-{pack.pk}-" not in name and f"-{conference.pk}-" not in name


def test_a_conference_pack_goes_stale_when_the_participants_or_the_order_change(world, pack_world):
    conference = _conference(world, pack_world)
    pack = pack_create(actor=world.secretariat, conference=conference)
    pack, _reused = pack_refresh(actor=world.secretariat, pack=pack)
    assert not pack_is_stale(pack, user=world.secretariat)
    conference_update(
        actor=world.secretariat,
        conference=conference,
        participants=Participants(bodies=[world.committee_a, world.committee_b]),
        presenters=[world.committee_b],
    )
    assert pack_is_stale(pack, user=world.secretariat)  # no report changed: the participants did
    pack, reused = pack_refresh(actor=world.secretariat, pack=pack)
    content = built_content(pack)
    assert not reused and {b["id"] for b in content["bodies"]} == {world.committee_a.pk, world.committee_b.pk}
    assert set(pack.bodies.all()) == {world.committee_a, world.committee_b}
    assert not pack_is_stale(pack, user=world.secretariat)
    conference_update(
        actor=world.secretariat,
        conference=conference,
        presenters=[Presenter(body=world.committee_b, order=2), Presenter(body=world.committee_a, order=1)],
    )
    assert pack_is_stale(pack, user=world.secretariat)  # the same presenters in another order
    pack, _reused = pack_refresh(actor=world.secretariat, pack=pack)
    presenting = [b["id"] for b in built_content(pack)["bodies"] if b["presenting"]]
    assert presenting == [world.committee_a.pk, world.committee_b.pk]
    assert not pack_is_stale(pack, user=world.secretariat)
