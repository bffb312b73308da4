"""The taxonomies built from the database (and the shipped data where it holds none), and the labelled
examples its recommendations and reports give."""

from __future__ import annotations

import json
import unicodedata

import pytest
from django.utils import translation

from rightstrack.recommendations.models import SdgGoal
from rightstrack.tagging.taxonomies import (
    SEEDS,
    TAXONOMY_KEYS,
    THEME_DESCRIPTIONS,
    UnknownTaxonomy,
    examples,
    name_code,
    named_taxonomy,
    taxonomy,
)
from tests.world import Recommendations, Reporting


def test_the_five_keys() -> None:
    assert TAXONOMY_KEYS == ("sdg-goal", "sdg-target", "uhri-theme", "affected-persons", "work-area")


def test_an_unknown_key_is_refused_with_the_known_ones(db: None) -> None:
    with pytest.raises(UnknownTaxonomy, match="sdg-goal, sdg-target"):
        taxonomy("sdg")
    with translation.override("vi"), pytest.raises(UnknownTaxonomy) as refused:
        examples("themes")
    assert str(refused.value).startswith("không có bộ phân loại themes: hãy dùng một trong sdg-goal")


def test_sdg_goals_and_targets_with_their_texts(db: None) -> None:
    goals = taxonomy("sdg-goal")
    assert goals.codes == [str(n) for n in range(1, 18)]
    peace = goals.terms[15]
    assert peace.name_vi == "Hòa bình, công lý và thể chế vững mạnh"
    assert "Promote peaceful and inclusive societies" in peace.description
    assert "birth registration" in peace.description  # target 16.9 describes the goal too
    targets = taxonomy("sdg-target")
    assert len(targets.terms) == 169
    assert "16.3" in targets.codes and "1.a" in targets.codes
    rule_of_law = targets.terms[targets.codes.index("16.3")]
    assert "rule of law" in rule_of_law.name


def test_sdg_goals_come_from_the_shipped_framework_when_the_database_has_none(db: None) -> None:
    SdgGoal.objects.all().delete()
    goals = taxonomy("sdg-goal")
    assert len(goals.terms) == 17 and goals.terms[3].name == "Quality education"


def test_work_areas_are_the_template_sections_under_results(db: None) -> None:
    areas = taxonomy("work-area")  # no template in the database: the default outline
    assert areas.codes == [
        "results-legal",
        "results-education",
        "results-social",
        "results-religion-ethnic",
        "results-coordination",
        "results-international",
    ]
    education = areas.terms[1]
    assert education.name == "Education, training and public awareness of human rights"
    assert education.name_vi.startswith("Giáo dục, đào tạo")
    assert "tập huấn" in education.description_vi and "Awareness raising" in education.description


def test_themes_and_groups_are_coded_by_their_names(recommendations: Recommendations) -> None:
    themes = taxonomy("uhri-theme")
    assert {"right-to-education", "rights-of-the-child"} <= set(themes.codes)
    education = themes.terms[themes.codes.index("right-to-education")]
    assert education.name_vi == "Quyền được giáo dục"
    assert "children" in taxonomy("affected-persons").codes
    assert name_code("Equality & non-discrimination") == "equality-non-discrimination"
    assert name_code("Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)").startswith(
        "lesbian-gay-bisexual"
    )
    # decision 0054, amended: only the themes' thresholds are pulled towards the pooled one
    assert themes.threshold_shrink > 0
    assert taxonomy("affected-persons").threshold_shrink == 0
    assert named_taxonomy("uhri-theme", ["Right to education"]).threshold_shrink == themes.threshold_shrink


def test_examples_are_the_recommendations_own_labels_in_both_languages(
    recommendations: Recommendations,
) -> None:
    themes = dict(examples("uhri-theme"))
    assert themes["Include human rights education in school curricula"] == {
        "right-to-education",
        "rights-of-the-child",
    }
    assert themes["Đưa giáo dục quyền con người vào chương trình học ở trường"] == {
        "right-to-education",
        "rights-of-the-child",
    }
    assert themes["Ensure birth registration in remote areas"] == {"rights-of-the-child"}
    # the CEDAW recommendation has no theme: it is no example of any
    assert not any("violence against women" in text for text in themes)
    assert dict(examples("sdg-goal"))["Include human rights education in school curricula"] == {"4"}
    assert dict(examples("sdg-target"))["Include human rights education in school curricula"] == {"4.7"}
    assert dict(examples("affected-persons"))["Include human rights education in school curricula"] == {
        "children"
    }


def test_work_area_examples_are_report_paragraphs_under_their_section(reporting: Reporting) -> None:
    from rightstrack.reporting.models import ReportSection

    section = reporting.template.sections.get(key="results-education")
    paragraph = "Tỉnh tổ chức 45 buổi tuyên truyền về quyền con người cho 3.000 lượt người dân."
    ReportSection.objects.update_or_create(
        report=reporting.report_a,
        section=section,
        defaults={"html": f"<p>{paragraph}</p><p>Số liệu: 45</p><h3>Kết quả</h3>"},
    )
    found = examples("work-area")
    assert (paragraph, frozenset({"results-education"})) in found
    assert all(
        len(text) >= 40 and "<" not in text for text, _labels in found
    )  # headings and figures left out
    assert taxonomy("work-area").codes[1] == "results-education"  # the template in the database


def test_seed_examples_ship_with_the_product_apart_from_the_evaluation_set(db: None) -> None:
    from rightstrack.tagging.cli import load_work_area_set
    from rightstrack.tagging.taxonomies import seed_examples, training_examples

    goals = dict(seed_examples("sdg-goal"))
    schooling = next(text for text in goals if text.startswith("By 2030, ensure that all girls and boys"))
    assert goals[schooling] == {"4"}
    assert len(goals) >= 169 + 200  # every target and the indicators
    assert all(len(labels) == 1 for labels in dict(seed_examples("sdg-target")).values())
    areas = seed_examples("work-area")
    assert {code for _text, labels in areas for code in labels} == set(taxonomy("work-area").codes)
    bank = [text for text, _labels in areas if text.startswith("Trong năm, Hội đồng nhân dân")]
    assert bank and not any("{" in text for text, _labels in areas)  # the demo's text bank, filled in
    evaluation = {text for text, _labels in load_work_area_set()}
    assert len(evaluation) >= 60 and not evaluation & {text for text, _labels in areas}
    from rightstrack.tagging.cli import SDG_GOAL_SET

    own = {json.loads(line)["text"] for line in SDG_GOAL_SET.read_text("utf-8").splitlines() if line.strip()}
    lines = SEEDS.joinpath("sdg_goals.jsonl").read_text("utf-8").splitlines()
    paragraphs = [json.loads(line) for line in lines if line.strip()]
    assert {row["goal"] for row in paragraphs} == {str(n) for n in range(1, 18)}
    assert {row["lang"] for row in paragraphs} == {"en", "vi"}
    assert all(goals[row["text"]] == {row["goal"]} for row in paragraphs)  # among the goals' seeds
    assert len(own) >= 50 and not own & set(goals)  # the evaluation paragraphs are not seeds
    assert seed_examples("uhri-theme") == []
    assert training_examples("work-area") == areas  # the test database holds no report paragraph


def test_a_themes_shipped_description_reaches_its_term_and_centroid(recommendations: Recommendations) -> None:
    themes = taxonomy("uhri-theme")
    education = themes.terms[themes.codes.index("right-to-education")]
    assert "school drop-out" in education.description and "bỏ học" in education.description_vi
    passages = education.passages()
    assert passages[:2] == ["Right to education", "Quyền được giáo dục"]  # the names, then each line
    lines = education.description.split("\n") + education.description_vi.split("\n")
    assert len(passages) == 2 + len(lines)
    assert any("drop-out" in line for line in passages) and any("bỏ học" in line for line in passages)
    child = themes.terms[themes.codes.index("rights-of-the-child")]  # no UHRI name: its names only
    assert (child.description, child.description_vi) == ("", "")
    assert child.passages() == [line for line in (child.name, child.name_vi) if line]
    penalty = named_taxonomy("uhri-theme", ["Death penalty"]).terms[0]
    assert "Second Optional Protocol" in penalty.description and "tử hình" in penalty.description_vi
    assert named_taxonomy("affected-persons", ["Death penalty"]).terms[0].description == ""  # themes only
    # described themes weigh their names apart from their lines (decision 0054, amended); groups do not
    assert 0 < themes.names_share < 1 and taxonomy("affected-persons").names_share == 0


def test_the_shipped_theme_descriptions_are_well_formed() -> None:
    rows = [json.loads(line) for line in THEME_DESCRIPTIONS.read_text("utf-8").splitlines()]
    codes = [row["code"] for row in rows]
    assert len(rows) >= 100 and len(set(codes)) == len(codes)
    for row in rows:
        assert set(row) == {"code", "name", "en", "vi"}, row
        assert row["code"] == name_code(row["name"]), row["name"]
        assert 2 <= len(row["en"]) <= 4 and len(row["vi"]) == len(row["en"]), row["code"]
        assert all(isinstance(line, str) and line.strip() == line != "" for line in row["en"] + row["vi"])
        assert all(line.isascii() for line in row["en"]), row["code"]
        # Vietnamese with its diacritics, not ASCII: every line has a letter with a mark
        assert all(any(unicodedata.decomposition(ch) or ch in "đĐ" for ch in line) for line in row["vi"]), (
            row["code"]
        )
