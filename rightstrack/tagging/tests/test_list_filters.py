"""The tag filters tagging adds through core's registry to the lists of other apps (decision 0058's hook):
reports, conferences and documents narrowed to those with an ACCEPTED tag (taxonomy, term, and for reports
the section), on the pages (both languages, the cycle dashboard too) and in the API (and its schema),
within the list's scope."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from openpyxl import load_workbook

from rightstrack.conferences.filters import ConferenceFilterSet
from rightstrack.core.registry import list_filters
from rightstrack.documents.filters import DocumentFilterSet
from rightstrack.recommendations.filters import RecommendationFilterSet
from rightstrack.reporting.filters import ReportFilterSet
from rightstrack.reporting.forms.cycles import DashboardFilterForm
from rightstrack.tagging.choices import SuggestionState
from rightstrack.tagging.models import Suggestion
from rightstrack.tagging.targets import Target
from tests.world import api_client

SDG = "sdg-goal"


def tag(obj: Any, code: str, section_key: str = "", *, state: str = SuggestionState.ACCEPTED) -> None:
    Suggestion.objects.create(
        taxonomy=SDG,
        code=code,
        score=0.7,
        model_version="test",
        state=state,
        **Target.of(obj, section_key).lookup,
    )


def listed(response: Any, *objects: Any) -> set[Any]:
    """Which of ``objects`` the list page links to (its rows)."""
    assert response.status_code == 200, response.content.decode()[:500]
    page = response.content.decode()
    return {obj for obj in objects if f'href="{obj.get_absolute_url()}"' in page}


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content[:500]
    return {row["id"] for row in response.json()["results"]}


def test_the_lists_take_the_filters_tagging_contributes_through_the_registry() -> None:
    for model, filterset in (
        ("reporting.report", ReportFilterSet),
        ("conferences.conference", ConferenceFilterSet),
        ("documents.document", DocumentFilterSet),
    ):
        assert [entry.filters for entry in list_filters(model)] == [
            "rightstrack.tagging.list_filters.tag_filters"
        ]
        assert {"tag_taxonomy", "tag"} <= set(filterset.base_filters)
    assert "tag_section" in ReportFilterSet.base_filters
    # A recommendation's tags are its own themes, groups and SDGs, which its list already filters by.
    assert list_filters("recommendations.recommendation") == []
    assert "tag" not in RecommendationFilterSet.base_filters


@pytest.mark.django_db
def test_the_document_list_is_narrowed_to_an_accepted_tag(documents: Any, client_for: Any) -> None:
    article, minutes = documents.article_a, documents.report_a
    tag(article, "16")
    tag(minutes, "16", state=SuggestionState.PENDING)  # a suggestion nobody accepted is no tag
    tag(minutes, "5")
    url = reverse("documents:document_list")
    office = client_for("secretariat")
    assert listed(office.get(url), article, minutes) == {article, minutes}
    assert listed(office.get(url, {"tag_taxonomy": SDG, "tag": "16"}), article, minutes) == {article}
    assert listed(office.get(url, {"tag": "5"}), article, minutes) == {minutes}
    assert listed(office.get(url, {"tag_taxonomy": SDG}), article, minutes) == {article, minutes}
    assert listed(office.get(url, {"tag_taxonomy": "work-area"}), article, minutes) == set()
    # A term that is not one of the taxonomy's is refused, as any filter that cannot be used.
    assert office.get(url, {"tag_taxonomy": SDG, "tag": "no-such-term"}).status_code == 400
    assert office.get(url, {"tag_taxonomy": "sdg-target"}).status_code == 400  # documents carry no targets
    # The objects stay the list's: B's focal point sees none of A's documents, tagged or not.
    assert listed(client_for("focal_b").get(url, {"tag": "16"}), article, minutes) == set()


@pytest.mark.django_db
def test_the_filter_shows_in_the_list_form_in_both_languages(documents: Any, client_for: Any) -> None:
    url = reverse("documents:document_list")
    english = client_for("secretariat", language="en").get(url, {"tag_taxonomy": SDG}).content.decode()
    assert re.search(r'<label class="form-label" for="id_tag_taxonomy">Tag: taxonomy</label>', english)
    assert re.search(r'<label class="form-label" for="id_tag">Tag</label>', english)
    assert re.search(r'<select name="tag" class="form-select[^"]*" id="id_tag">', english)
    assert '<option value="16">16 – ' in english  # the chosen taxonomy's terms
    vietnamese = client_for("secretariat", language="vi").get(url).content.decode()
    assert "Nhãn: bộ phân loại" in vietnamese and '<label class="form-label" for="id_tag">Nhãn</label>' in (
        vietnamese
    )
    assert '<optgroup label="Mục tiêu SDG">' in vietnamese  # no taxonomy chosen: every one, grouped


@pytest.mark.django_db
def test_the_conference_list_and_calendar_are_narrowed(conferences: Any, client_for: Any) -> None:
    a, b = conferences.with_a, conferences.with_b
    tag(a, "5")
    tag(b, "5", state=SuggestionState.REJECTED)
    tag(b, "16")
    office = client_for("secretariat")
    url = reverse("conferences:conference_list")
    assert listed(office.get(url, {"tag": "5"}), a, b) == {a}
    assert listed(office.get(url, {"tag_taxonomy": SDG, "tag": "16"}), a, b) == {b}


@pytest.mark.django_db
def test_the_report_api_is_narrowed_by_tag_and_section(reporting: Any, api_for: Any) -> None:
    a, b = reporting.report_a, reporting.report_b
    tag(a, "16", "limitations")  # a shortcoming under SDG 16
    tag(b, "16", "situation")
    tag(b, "5", "limitations")
    office = api_for("secretariat")
    assert ids(office.get("/api/reports/", {"tag_taxonomy": SDG, "tag": "16"})) == {a.pk, b.pk}
    shortcomings = {"tag_taxonomy": SDG, "tag": "16", "tag_section": "limitations"}
    assert ids(office.get("/api/reports/", shortcomings)) == {a.pk}
    assert ids(office.get("/api/reports/", {"tag_section": "limitations"})) == {a.pk, b.pk}
    assert ids(office.get("/api/reports/", {"tag": "5", "tag_section": "situation"})) == set()
    assert ids(api_for("focal_b").get("/api/reports/", {"tag": "16"})) == {b.pk}  # the caller's scope
    assert office.get("/api/reports/", {"tag_section": "not-a-section"}).status_code == 400


@pytest.mark.django_db
def test_the_document_and_conference_apis_are_narrowed(
    documents: Any, conferences: Any, api_for: Any
) -> None:
    tag(documents.article_a, "16")
    tag(conferences.with_b, "16")
    office = api_for("secretariat")
    assert ids(office.get("/api/documents/", {"tag_taxonomy": SDG, "tag": "16"})) == {documents.article_a.pk}
    assert ids(office.get("/api/conferences/", {"tag": "16"})) == {conferences.with_b.pk}


def dashboard_rows(response: Any) -> set[str]:
    assert response.status_code == 200, response.content.decode()[:500]
    return {row.body.code for row in response.context["board"].rows}


@pytest.mark.django_db
def test_the_cycle_dashboard_is_narrowed_by_an_accepted_tag_and_section(
    world: Any, reporting: Any, client_for: Any
) -> None:
    a, b = reporting.report_a, reporting.report_b
    code_a, code_b = world.committee_a.code, world.committee_b.code
    tag(a, "16", "limitations")  # a shortcoming under SDG 16
    tag(b, "16", "situation")
    tag(b, "5", "limitations", state=SuggestionState.REJECTED)  # refused, or never accepted: no tag
    tag(a, "5", "situation", state=SuggestionState.PENDING)
    url = reverse("reporting:cycle_detail", args=[reporting.cycle.pk])
    office = client_for("secretariat", language="en")
    assert dashboard_rows(office.get(url)) == {code_a, code_b}
    assert dashboard_rows(office.get(url, {"tag_taxonomy": SDG, "tag": "16"})) == {code_a, code_b}
    shortcomings = {"tag_taxonomy": SDG, "tag": "16", "tag_section": "limitations"}
    page = office.get(url, shortcomings)
    assert dashboard_rows(page) == {code_a} and listed(page, a, b) == {a}
    assert page.context["board"].total == 1  # the cards count the tagged reports
    # The cards keep the tag when they filter by status or lateness.
    late = next(card for card in page.context["cards"] if card["key"] == "late")
    assert "tag=16" in late["url"] and "tag_section=limitations" in late["url"] and "late=yes" in late["url"]
    assert dashboard_rows(office.get(url, {"tag_section": "limitations"})) == {code_a}
    nothing = office.get(url, {"tag": "5"})
    assert dashboard_rows(nothing) == set()
    assert "No participant matches these filters." in nothing.content.decode()
    # A term that is no term is refused, as any filter the dashboard cannot use.
    assert office.get(url, {"tag_taxonomy": SDG, "tag": "no-such-term"}).status_code == 400
    # The rows stay the user's: B's focal point sees B's report only, tagged or not.
    assert dashboard_rows(client_for("focal_b").get(url, {"tag": "16"})) == {code_b}
    assert dashboard_rows(client_for("focal_b").get(url, shortcomings)) == set()
    # The export keeps the filters.
    sheet = office.get(reverse("reporting:cycle_dashboard_xlsx", args=[reporting.cycle.pk]), shortcomings)
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [world.committee_a.name]


@pytest.mark.django_db
def test_the_cycle_dashboard_api_is_narrowed_as_the_page(world: Any, reporting: Any, client_for: Any) -> None:
    """``/api/cycles/{id}/dashboard/`` takes the page's tag filters: the same rows, counts and total over
    them, and the same refusal (400, keyed by the parameter, in the caller's language) of an unusable one."""
    a, b = reporting.report_a, reporting.report_b  # A's is a draft, B's submitted
    code_a, code_b = world.committee_a.code, world.committee_b.code
    tag(a, "16", "limitations")
    tag(b, "16", "situation")
    tag(b, "5", "limitations", state=SuggestionState.REJECTED)
    tag(a, "5", "situation", state=SuggestionState.PENDING)
    url = f"/api/cycles/{reporting.cycle.pk}/dashboard/"
    page_url = reverse("reporting:cycle_detail", args=[reporting.cycle.pk])
    office, page = api_client(world.users["secretariat"]), client_for("secretariat", language="en")
    shortcomings = {"tag_taxonomy": SDG, "tag": "16", "tag_section": "limitations"}
    for query, expected in (
        ({}, {code_a, code_b}),
        ({"tag_taxonomy": SDG, "tag": "16"}, {code_a, code_b}),
        (shortcomings, {code_a}),
        ({"tag_section": "limitations"}, {code_a}),
        ({"tag": "5"}, set()),  # a rejected or pending suggestion is no tag
    ):
        response = office.get(url, query)
        assert response.status_code == 200, response.content
        board = response.json()
        rows = board["rows"]
        assert {row["body"]["code"] for row in rows} == expected == dashboard_rows(page.get(page_url, query))
        # The counts, the late count and the total cover the rows the filters keep, nothing else.
        assert board["total"] == len(rows) == sum(board["counts"].values())
        assert board["late"] == sum(row["is_late"] for row in rows)
    board = office.get(url, shortcomings).json()
    assert board["counts"] == {"draft": 1, "submitted": 0, "returned": 0, "accepted": 0}
    assert board["rows"][0]["report"] == a.pk
    # With the dashboard's own filters: the status narrows the rows, the counts stay the tag's.
    submitted = office.get(url, {**shortcomings, "status": "submitted"}).json()
    assert submitted["rows"] == [] and submitted["total"] == 1
    # The rows stay the caller's: B's focal point sees B's report only, tagged or not.
    focal_b = api_client(world.users["focal_b"])
    assert [row["body"]["code"] for row in focal_b.get(url, {"tag": "16"}).json()["rows"]] == [code_b]
    assert focal_b.get(url, shortcomings).json()["rows"] == []


@pytest.mark.django_db
def test_the_cycle_dashboard_api_refuses_a_tag_filter_it_cannot_use(
    world: Any, reporting: Any, client_for: Any
) -> None:
    url = f"/api/cycles/{reporting.cycle.pk}/dashboard/"
    page_url = reverse("reporting:cycle_detail", args=[reporting.cycle.pk])
    office = api_client(world.users["secretariat"])
    for query, parameter in (
        ({"tag_taxonomy": SDG, "tag": "no-such-term"}, "tag"),  # no such term
        ({"tag_taxonomy": SDG, "tag": "results-legal"}, "tag"),  # a term of another taxonomy (work areas)
        ({"tag_taxonomy": "sdg-target"}, "tag_taxonomy"),  # reports are not tagged with SDG targets
        ({"tag_section": "not-a-section"}, "tag_section"),
    ):
        response = office.get(url, query)
        assert response.status_code == 400 and list(response.json()) == [parameter], response.content
        # The page's form refuses it with the same words.
        form = client_for("secretariat", language="en").get(page_url, query).context["filter"]["form"]
        assert response.json()[parameter] == form.errors[parameter]
    bad_term = {"tag_taxonomy": SDG, "tag": "no-such-term"}
    assert office.get(url, bad_term).json() == {
        "tag": ["“no-such-term” is not a term of the chosen taxonomy: choose one of its terms."]
    }
    vietnamese = api_client(world.users["secretariat"], language="vi").get(url, bad_term)
    assert vietnamese.status_code == 400
    assert vietnamese.json()["tag"] == [
        "“no-such-term” không phải là thuật ngữ của bộ phân loại đã chọn: hãy chọn một thuật ngữ của bộ đó."
    ]
    page = client_for("secretariat", language="vi").get(page_url, bad_term)
    assert page.status_code == 400 and vietnamese.json()["tag"][0] in page.content.decode()
    no_taxonomy = office.get(url, {"tag": "no-such-term"}).json()["tag"]
    assert no_taxonomy == [
        "“no-such-term” is not a term of any taxonomy these texts are tagged with: choose one from the list."
    ]
    # Every unusable parameter at once, the dashboard's own and the tag's.
    both = office.get(url, {"status": "lost", **bad_term})
    assert both.status_code == 400 and set(both.json()) == {"status", "tag"}
    # A cycle the caller cannot read is 404 whatever the filters say.
    assert office.get("/api/cycles/987654/dashboard/", bad_term).status_code == 404


@pytest.mark.django_db
def test_the_cycle_dashboard_shows_the_tag_filters_in_both_languages(reporting: Any, client_for: Any) -> None:
    # The dashboard's form takes the reports' filters after its own.
    fields = ["region", "status", "late", "tag_taxonomy", "tag", "tag_section"]
    assert list(DashboardFilterForm().fields) == fields
    url = reverse("reporting:cycle_detail", args=[reporting.cycle.pk])
    english = client_for("secretariat", language="en").get(url, {"tag_taxonomy": SDG}).content.decode()
    assert '<label class="form-label" for="id_tag_taxonomy">Tag: taxonomy</label>' in english
    assert '<label class="form-label" for="id_tag_section">Tagged section</label>' in english
    assert '<option value="16">16 – ' in english  # the chosen taxonomy's terms
    vietnamese = client_for("secretariat", language="vi").get(url).content.decode()
    assert '<label class="form-label" for="id_tag">Nhãn</label>' in vietnamese
    assert '<label class="form-label" for="id_tag_section">Mục có nhãn</label>' in vietnamese
    assert '<optgroup label="Mục tiêu SDG">' in vietnamese


@pytest.mark.django_db
def test_a_long_tag_filter_name_stays_readable_in_both_languages(reporting: Any, client_for: Any) -> None:
    """A chosen section (or theme) too long for the usual column takes a row of its own, and on a phone,
    where no select can show it whole, it is also written out under the select."""
    url = reverse("reporting:cycle_detail", args=[reporting.cycle.pk])
    for language, name in (
        ("en", "Social policies (poverty reduction, support for disadvantaged groups, emergency support)"),
        ("vi", "Thực hiện chính sách an sinh xã hội"),
    ):
        page = client_for("secretariat", language=language).get(url, {"tag_section": "results-social"})
        html = page.content.decode()
        column = re.search(r'<div class="([^"]+)">\s*<label class="form-label" for="id_tag_section">', html)
        assert column and column.group(1) == "col-12", html
        # Over 64 characters: on a tablet too (a row of its own holds about 70 there).
        written_out = rf'<div class="form-text d-lg-none" aria-hidden="true">{re.escape(name)}[^<]*</div>'
        assert re.search(written_out, html)
        # The filters left at "All" keep their usual column.
        usual = re.search(r'<div class="([^"]+)">\s*<label class="form-label" for="id_tag">', html)
        assert usual and usual.group(1) == "col-sm-6 col-md-4 col-lg-2"


def test_the_openapi_schema_documents_the_tag_parameters() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)

    def parameters(path: str) -> dict[str, Any]:
        return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}

    reports = parameters("/api/reports/")
    assert set(reports["tag_taxonomy"]["schema"]["enum"]) == {
        "work-area",
        "sdg-goal",
        "uhri-theme",
        "affected-persons",
    }
    assert reports["tag"]["schema"]["type"] == "string" and "accepted tag" in reports["tag"]["description"]
    assert "limitations" in reports["tag_section"]["description"]
    assert {"tag_taxonomy", "tag"} <= set(parameters("/api/documents/")) & set(
        parameters("/api/conferences/")
    )
    # The cycle dashboard takes the reports' filters after its own, documented alike.
    dashboard = parameters("/api/cycles/{id}/dashboard/")
    assert {"status", "late", "region", "region_on", "tag_taxonomy", "tag", "tag_section"} <= set(dashboard)
    for name in ("tag_taxonomy", "tag", "tag_section"):
        assert dashboard[name] == reports[name], name
    assert "tag" not in parameters("/api/recommendations/")


@pytest.mark.django_db
def test_the_taxonomy_page_links_to_the_filtered_lists(
    reporting: Any, documents: Any, client_for: Any
) -> None:
    tag(reporting.report_a, "16", "limitations")
    tag(reporting.report_b, "16", "limitations")
    tag(documents.article_a, "16")
    office = client_for("secretariat", language="vi")
    page = office.get(reverse("tagging:taxonomy_detail", args=[SDG])).content.decode()
    # A term's row links to the documents with that tag (and the conferences, the texts of every kind).
    document_link = f'{reverse("documents:document_list")}?tag_taxonomy={SDG}&amp;tag=16"'
    assert document_link in page and ">Tài liệu</a>" in page and ">Hội nghị</a>" in page
    response = office.get(f"{reverse('documents:document_list')}?tag_taxonomy={SDG}&tag=16")
    assert listed(response, documents.article_a, documents.report_a) == {documents.article_a}
    # A count of the table by body links to those report sections of that body.
    cells = re.findall(r'<a href="([^"]+)" data-testid="by-body-cell">1</a>', page)
    assert len(cells) == 2
    a_cell = next(url for url in cells if url.endswith(f"body={reporting.report_a.body_id}"))
    rows = office.get(a_cell.replace("&amp;", "&")).content.decode()
    assert reporting.report_a.get_absolute_url() in rows and reporting.report_b.get_absolute_url() not in rows
    # SDG targets tag recommendations only: no document or conference list to link to.
    targets = office.get(reverse("tagging:taxonomy_detail", args=["sdg-target"])).content.decode()
    assert "tag_taxonomy=" not in targets


def test_a_term_the_un_named_only_in_english_is_marked_so_on_a_vietnamese_page(
    recommendations: Any, client_for: Any
) -> None:
    """A theme imported without a Vietnamese name shows the UN's English one, marked ``lang="en"`` (screen
    readers read it in English); a translated theme shows its Vietnamese name, unmarked."""
    url = reverse("documents:document_list")
    page = client_for("secretariat", language="vi").get(url, {"tag_taxonomy": "uhri-theme"}).content.decode()
    assert re.search(r'<option value="[^"]+" lang="en">Rights of the child</option>', page)
    assert re.search(r'<option value="[^"]+">Quyền được giáo dục</option>', page)
    english = client_for("secretariat", language="en").get(url, {"tag_taxonomy": "uhri-theme"})
    assert re.search(r'<option value="[^"]+">Rights of the child</option>', english.content.decode())


@pytest.mark.django_db
def test_every_help_text_the_filters_point_screen_readers_at_is_on_the_page(
    documents: Any, reporting: Any, client_for: Any
) -> None:
    """The filters with help text (taxonomy, section) name it in ``aria-describedby``: the ids must exist,
    so a screen reader reads the help (a dangling reference reads nothing). Lists and the dashboard."""
    for url in (
        reverse("documents:document_list"),
        reverse("conferences:conference_list"),
        reverse("reporting:cycle_detail", args=[reporting.cycle.pk]),
    ):
        for language in ("en", "vi"):
            page = client_for("secretariat", language=language).get(url).content.decode()
            pointed = {i for ref in re.findall(r'aria-describedby="([^"]+)"', page) for i in ref.split()}
            present = set(re.findall(r'\sid="([^"]+)"', page))
            assert "id_tag_taxonomy_help" in pointed, url
            assert pointed <= present, (url, language, pointed - present)
    english = client_for("secretariat", language="en").get(reverse("documents:document_list"))
    help_text = 'id="id_tag_taxonomy_help">Only those with an accepted tag of this taxonomy.</div>'
    assert help_text in english.content.decode()
