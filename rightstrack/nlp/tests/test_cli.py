"""`rightstrack extract`: files of every kind, bad files reported on stderr by name while the rest go on, JSON
on stdout only, and the places app's resolver wired in through the port."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from django.utils import translation
from pypdf import PdfWriter

from rightstrack.nlp_cli import DatabasePlaceResolver, extract_main

DATA = Path(__file__).parent / "data"
ARTICLE = (DATA / "vi-quangnam-review.txt").read_text(encoding="utf-8")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with translation.override("en"):
        status = extract_main(argv)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        made[name] = tmp_path / name
        made[name].write_bytes(data)

    put("article.txt", ARTICLE.encode())
    put("empty.txt", b"")
    put("junk.bin", bytes(range(256)) * 64)
    html = "<html><head><title>Tin</title></head><body><nav><a href='/'>Trang chủ</a></nav><article>"
    html += (
        "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
        + "</article><footer>© Báo</footer></body></html>"
    )
    put("article.html", html.encode())
    put(
        "menu.html",
        b"<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav><footer>x</footer></body></html>",
    )
    document = docx.Document()
    for paragraph in ARTICLE.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    put("article.docx", buffer.getvalue())
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    put("scan.pdf", buffer.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    put("bomb.docx", bomb.getvalue())
    put("latin1.txt", "Hội nghị tập huấn công tác nhân quyền".encode("utf-16"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB without writing them
    made["huge.txt"] = huge
    return made


@pytest.mark.django_db
def test_good_files_of_each_kind_and_bad_ones_reported(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    order = ["article.txt", "empty.txt", "junk.bin", "article.html", "menu.html", "article.docx", "scan.pdf",
             "bomb.docx", "latin1.txt", "huge.txt"]  # fmt: skip
    status, out, err = run([str(files[name]) for name in order], capsys)
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(line["source"]).name for line in lines] == ["article.txt", "article.html", "article.docx"]
    for line in lines:
        assert line["chair"]["name"] == "Trần Văn Tân" and line["kind"] == "review"
        assert line["place"]["unit"]["name"] == "Quảng Nam"
    for bad in ("empty.txt", "junk.bin", "menu.html", "scan.pdf", "bomb.docx", "latin1.txt", "huge.txt"):
        assert str(files[bad]) in err, bad
    assert "no text layer" in err and "no article" in err and "100 MB" in err, err
    assert "7 failed" in err, err


@pytest.mark.django_db
def test_group_writes_one_object_with_events(capsys: pytest.CaptureFixture[str]) -> None:
    names = ["vi-daklak-regional-review.txt", "en-quangninh-training.txt", "en-daklak-regional-review.txt"]
    status, out, err = run(["--group", *[str(DATA / name) for name in names]], capsys)
    assert status == 0
    events = json.loads(out)["events"]
    assert [[Path(f).name for f in event["files"]] for event in events] == [[names[0], names[2]], [names[1]]]
    first = events[0]
    assert first["chair"]["name"] == "Trần Minh Quang" and first["place"]["unit"]["name"] == "Đắk Lắk"
    assert first["date"] == {"year": 2024, "month": 10, "day": 3}
    # the English article alone learnt the spelling from the Vietnamese one in the same run
    assert events[1]["chair"]["name"] == "Trần Minh Quang"


@pytest.mark.django_db
def test_published_gives_the_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Sáng 20/4, tỉnh Kon Tum tổ chức hội nghị tập huấn về công tác nhân quyền.", encoding="utf-8"
    )
    _status, out, _err = run([str(path)], capsys)
    assert json.loads(out)["date"] == {"year": None, "month": 4, "day": 20}
    _status, out, _err = run([str(path), "--published", "2023-05-02"], capsys)
    assert json.loads(out)["date"] == {"year": 2023, "month": 4, "day": 20}


@pytest.mark.django_db
def test_the_places_apps_resolver_through_the_port() -> None:
    from rightstrack.places.services import places_load_vietnam

    places_load_vietnam()
    resolver = DatabasePlaceResolver()
    assert "Bà Rịa - Vũng Tàu" in set(resolver.names()) or "Bà Rịa – Vũng Tàu" in set(resolver.names())
    match = resolver.resolve("Ba Ria - Vung Tau", on=datetime.date(2023, 9, 28))
    assert match and match.unit.name.startswith("Bà Rịa") and match.current
    assert match.current.name in ("Hồ Chí Minh", "Thành phố Hồ Chí Minh")
    assert resolver.resolve("Atlantis") is None


@pytest.mark.django_db
def test_people_in_the_database_spell_english_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rightstrack.bodies.models import Person

    Person.objects.create(full_name="Trần Minh Quang")
    _status, out, _err = run([str(DATA / "en-quangninh-training.txt")], capsys)
    assert json.loads(out)["chair"]["name"] == "Trần Minh Quang"


def test_the_command_reads_files_with_the_documents_reader(files: dict[str, Path]) -> None:
    """One reader (``exchange.articles.read_document``) and one province resolver (``places.provinces``) for
    `rightstrack extract` and the documents app's ingestion: the same file gives the same text to both."""
    from rightstrack.documents import extraction
    from rightstrack.exchange import uploads
    from rightstrack.exchange.articles import read_document
    from rightstrack.nlp_cli import read_article
    from rightstrack.places.provinces import ProvinceResolver

    for name in ("article.txt", "article.html", "article.docx"):
        data = files[name].read_bytes()
        allowed = {uploads.TXT, uploads.HTML, uploads.DOCX, uploads.PDF}
        kind = uploads.check_bytes(data, allowed=allowed, max_bytes=len(data) + 1)
        assert read_article(files[name]).text == read_document(data, kind).text, name
    assert DatabasePlaceResolver is ProvinceResolver and extraction.PlaceResolver is ProvinceResolver


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "reason"),
    [("menu.html", "no article"), ("scan.pdf", "no text layer"), ("latin1.txt", "")],
)
def test_the_readers_refusals_in_the_commands_words(
    files: dict[str, Path], name: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run([str(files[name])], capsys)
    assert status == 1 and out == ""
    assert f"{files[name]}: " in err and reason in err


SILENT_EN = (
    "Speaking at the conference, the deputy director of the provincial police affirmed that human rights "
    "work in the province has been carried out in a coordinated and effective manner.\n"
)
TRAINING_ADDRESS = "https://news.example.vn/en/hoi-nghi-tap-huan-cong-tac-nhan-quyen-nam-2025-post4711.html"


@pytest.mark.django_db
def test_addresses_give_the_kind_the_text_does_not_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    silent, stating = tmp_path / "silent.txt", tmp_path / "stating.txt"
    silent.write_text(SILENT_EN, encoding="utf-8")
    stating.write_text(ARTICLE, encoding="utf-8")  # a review, and says so
    addresses = tmp_path / "addresses.txt"
    addresses.write_text(
        f"# file and address\n\nsilent.txt {TRAINING_ADDRESS}\n{stating} {TRAINING_ADDRESS}\n",
        encoding="utf-8",
    )
    status, out, err = run([str(silent), str(stating), "--addresses", str(addresses)], capsys)
    assert status == 0
    assert [json.loads(line)["kind"] for line in out.splitlines()] == ["training", "review"]
    assert f"{silent}: the text does not state the meeting's kind; read from its web address" in err
    assert str(stating) + ":" not in err
    _status, out, _err = run([str(silent)], capsys)
    assert json.loads(out)["kind"] == "other"  # without its address, nothing is guessed


@pytest.mark.django_db
def test_a_web_pages_own_address_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><link rel="canonical" href="{TRAINING_ADDRESS}"></head><body><nav>Home</nav>'
        f"<article><p>{SILENT_EN}</p><p>{SILENT_EN}</p></article></body></html>",
        encoding="utf-8",
    )
    _status, out, _err = run([str(page)], capsys)
    assert json.loads(out)["kind"] == "training"


def test_a_bad_addresses_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    addresses = tmp_path / "addresses.txt"
    addresses.write_text("a.txt www.example.vn/no-scheme\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        run([str(tmp_path / "a.txt"), "--addresses", str(addresses)], capsys)
    assert exit_.value.code == 2
    assert "line 1" in capsys.readouterr().err


@pytest.mark.django_db
def test_evaluate_extract_prints_accuracy_per_field_and_the_grouping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rightstrack nlp evaluate-extract DIR --facts FILE`: made-up articles, facts read by hand (one of them
    wrong on purpose), fields an entry leaves out not judged, and the pairwise figures of the groups."""
    from rightstrack.nlp_cli import evaluate_main

    names = ["vi-daklak-regional-review.txt", "en-daklak-regional-review.txt", "en-quangninh-training.txt"]
    for name in names:
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    facts = tmp_path / "facts.json"
    facts.write_text(
        json.dumps(
            {
                "files": {
                    names[0]: {"language": "vi", "kind": "review", "chair": {"name": "Trần Minh Quang"}},
                    names[1]: {"language": "en", "kind": "review"},
                    names[2]: {"language": "en", "kind": "workshop"},  # it is a training: one miss
                },
                "groups": [[names[0], names[1]], [names[2]]],
            }
        ),
        encoding="utf-8",
    )
    with translation.override("en"):
        status = evaluate_main([str(tmp_path), "--facts", str(facts)])
    out = capsys.readouterr().out
    assert status == 0
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line and line[0] != " "}
    assert lines["language"][:2] == ["3", "3"] and lines["kind"][:2] == ["2", "3"]
    assert lines["chair.name"][:2] == ["1", "1"]  # judged only where the facts file states it
    assert "pairwise precision 100.0%, recall 100.0% (1 pairs found, 1 expected)" in out
    assert f'wrong kind in {names[2]}: expected "workshop", got "training"' in out
    with translation.override("en"):
        assert evaluate_main([str(tmp_path), "--facts", str(facts), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["fields"]["kind"]["right"] == 2 and report["grouping"]["recall"] == 1.0
    (tmp_path / names[2]).unlink()
    with translation.override("en"):
        assert evaluate_main([str(tmp_path), "--facts", str(facts)]) == 2
    assert names[2] in capsys.readouterr().err


@pytest.mark.django_db
def test_a_text_in_another_language_is_read_as_english_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "La conférence provinciale sur les droits de l'homme s'est tenue hier matin avec deux cents délégués "
        "venus de toutes les communes de la province.",
        encoding="utf-8",
    )
    status, out, err = run([str(french)], capsys)
    assert status == 0
    assert json.loads(out)["language"] == "unknown"
    assert f"{french}: the language is neither Vietnamese nor English; read as English" in err
