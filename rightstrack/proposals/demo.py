"""The proposals part of the demo: three proposals to higher authorities, from the 2 August 2025 review
conference and from the demo reports' proposals sections, at different stages (one adopted, one under
consideration, one just submitted), one of them the same proposal of two provinces merged. Written through the
services; idempotent (each is looked up by its topic). The authorities' answers are illustrations.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.conferences.demo import REVIEW_TITLE
from rightstrack.conferences.models import Conference
from rightstrack.core.registry import DemoResult
from rightstrack.laws.models import LegalDocument
from rightstrack.proposals.choices import ProposalKind, ProposalStatus
from rightstrack.proposals.models import Proposal
from rightstrack.proposals.services import Source, proposal_create, proposal_merge, proposal_status_change
from rightstrack.reporting.choices import ReportStatus
from rightstrack.reporting.models import ReportSection

FROM_CONFERENCE = "Bổ sung chính sách, pháp luật về quyền con người ở cơ sở"
FROM_REPORTS = "Bộ chỉ số theo dõi, đánh giá bảo đảm quyền con người cho địa phương"
FROM_REPORT = "Tài liệu phổ biến pháp luật bằng tiếng dân tộc thiểu số"


def _sections(words: str, count: int) -> list[ReportSection]:
    """Submitted or accepted reports' proposals sections that say ``words`` (one per body)."""
    rows = (
        ReportSection.objects.filter(
            section__key="proposals",
            html__icontains=words,
            report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        )
        .select_related("report", "report__body")
        .order_by("report__cycle__period_end", "report__body__name")
    )
    picked: dict[int, ReportSection] = {}
    for section in rows:
        picked.setdefault(section.report.body_id, section)
        if len(picked) == count:
            break
    return list(picked.values())


@transaction.atomic
def load_proposals_demo() -> int:
    office = Body.objects.filter(
        kind=BodyKind.STANDING_OFFICE, parent__kind=BodyKind.NATIONAL_COMMITTEE
    ).first()
    if office is None:
        return 0
    actor = User.objects.filter(username="vanphong").first()
    laws = {d.symbol or d.part: d for d in LegalDocument.objects.all()}
    if not Proposal.objects.filter(topic=FROM_CONFERENCE).exists():
        conference = Conference.objects.filter(title=REVIEW_TITLE).first()
        proposal = proposal_create(
            actor=actor,
            body=office,
            kind=ProposalKind.AMEND,
            topic=FROM_CONFERENCE,
            text=(
                "Đề xuất cấp có thẩm quyền bổ sung chính sách, pháp luật về bảo đảm quyền con người ở"
                " cấp cơ sở, trong đó có việc sửa đổi Luật Phổ biến, giáo dục pháp luật cho phù hợp"
                " với chính quyền địa phương hai cấp (kết luận của Hội nghị sơ kết ngày 02/8/2025)."
            ),
            authority="Chính phủ",
            submitted_on=datetime.date(2025, 8, 15),
            documents=[d for key, d in laws.items() if key in ("14/2012/QH13", "Chương II")],
            sources=[Source(conference=conference, text="đề xuất bổ sung chính sách, pháp luật")]
            if conference
            else [],
        )
        proposal_status_change(
            actor=actor,
            proposal=proposal,
            status=ProposalStatus.CONSIDERING,
            response="Bộ Tư pháp đã tiếp nhận, đưa vào chương trình tổng kết thi hành Luật.",
            on=datetime.date(2025, 10, 1),
        )
    if not Proposal.objects.filter(topic=FROM_REPORTS).exists():
        sections = _sections("chỉ số", 2)
        if len(sections) == 2:
            first, second = (
                proposal_create(
                    actor=actor,
                    body=section.report.body,
                    kind=ProposalKind.OTHER,
                    topic=f"{FROM_REPORTS} ({section.report.body.name})",
                    text=(
                        "Đề nghị Ban Chỉ đạo nhân quyền của Chính phủ ban hành bộ chỉ số theo dõi, đánh"
                        " giá kết quả bảo đảm quyền con người áp dụng thống nhất cho các địa phương."
                    ),
                    authority="Ban Chỉ đạo nhân quyền của Chính phủ",
                    submitted_on=datetime.date(2025, 3, 31),
                    sources=[Source(section=section)],
                )
                for n, section in enumerate(sections)
            )
            merged = proposal_create(
                actor=actor,
                body=office,
                kind=ProposalKind.ISSUE,
                topic=FROM_REPORTS,
                text=first.text,
                authority="Ban Chỉ đạo nhân quyền của Chính phủ",
                submitted_on=datetime.date(2025, 4, 15),
            )
            proposal_merge(actor=actor, target=merged, proposals=[first, second])
            proposal_status_change(
                actor=actor,
                proposal=merged,
                status=ProposalStatus.ADOPTED,
                response="Giao Văn phòng Thường trực xây dựng bộ chỉ số, trình trong năm 2026.",
                on=datetime.date(2025, 9, 20),
            )
    if not Proposal.objects.filter(topic=FROM_REPORT).exists():
        sections = _sections("dân tộc thiểu số", 1)
        if sections:
            proposal_create(
                actor=actor,
                body=sections[0].report.body,
                kind=ProposalKind.RESOURCES,
                topic=FROM_REPORT,
                text=(
                    "Đề nghị hỗ trợ biên soạn, phát hành tài liệu phổ biến pháp luật bằng tiếng dân"
                    " tộc thiểu số."
                ),
                authority="Bộ Tư pháp",
                submitted_on=datetime.date(2025, 3, 31),
                documents=[d for key, d in laws.items() if key == "14/2012/QH13"],
                sources=[Source(section=sections[0])],
            )
    return Proposal.objects.filter(merged_into__isnull=True).count()


def load() -> DemoResult:
    """The registered demo loader: three proposals (one merged from two provinces)."""
    count = load_proposals_demo()
    merged = Proposal.objects.filter(merged_into__isnull=False).count()
    return DemoResult(lines=[f"Proposals: {count} to higher authorities ({merged} merged into them)."])
