"""The documents part of the demo: two press articles on the 2024 regional review (conferences' demo), one
Vietnamese and one English, kept by the standing office. The Vietnamese one is already linked to the review
as its coverage; the English one is left to propose the same conference, as a person finds it after an
upload. Written through the services; idempotent (a second load finds the same texts and keeps nothing new).
The articles are fictional.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.conferences.demo import REVIEW_TITLE
from rightstrack.conferences.models import Conference
from rightstrack.core.registry import DemoResult
from rightstrack.documents.models import Document
from rightstrack.documents.services import DuplicateDocument, conference_from_document, document_ingest

ARTICLE_VI = (
    "Sơ kết công tác nhân quyền năm 2024 khu vực miền Trung và miền Nam\n\n"
    "Sáng 2/8/2025, tại Bà Rịa–Vũng Tàu, Ban Chỉ đạo nhân quyền của Chính phủ tổ chức Hội nghị sơ kết công "
    "tác nhân quyền năm 2024 khu vực miền Trung và miền Nam với sự tham dự của 38 tỉnh, thành phố và 250 "
    "đại biểu. Các tỉnh đã trình bày báo cáo kết quả công tác năm 2024.\n"
    "Hội nghị đánh giá công tác phối hợp giữa các sở, ngành còn hạn chế, việc gửi báo cáo ở một số "
    "địa phương "
    "chưa kịp thời.\n"
    "Hội nghị yêu cầu các địa phương tiếp tục nâng cao chất lượng báo cáo và tăng cường thông tin "
    "đối ngoại về "
    "quyền con người."
)
ARTICLE_EN = (
    "Central and southern provinces review human rights work in 2024\n\n"
    "On August 2, 2025, in Ba Ria - Vung Tau, the Government Steering Committee for Human Rights held a "
    "conference reviewing human rights work in 2024 in the central and southern regions, attended by 38 "
    "provinces and cities and 250 delegates.\n"
    "The conference asked localities to improve the quality of their reports and to step up external "
    "information on human rights."
)
FILES = (("so-ket-2024-mien-trung-mien-nam.txt", ARTICLE_VI), ("review-2024-central-south.txt", ARTICLE_EN))


def load_documents_demo() -> list[Document]:
    office = Body.objects.filter(
        kind=BodyKind.STANDING_OFFICE, parent__kind=BodyKind.NATIONAL_COMMITTEE
    ).first()
    if office is None:
        return []
    actor = User.objects.filter(username="vanphong").first()
    kept: list[Document] = []
    for name, text in FILES:
        try:
            kept.append(
                document_ingest(actor=actor, body=office, uploaded_file=io.BytesIO(text.encode()), name=name)
            )
        except DuplicateDocument as error:
            kept.append(error.existing)
        except ValidationError:
            continue
    review = Conference.objects.filter(title=REVIEW_TITLE).first()
    if kept and review is not None and kept[0].conference_id is None:
        conference_from_document(actor=actor, document=kept[0], conference=review)
    return kept


def load() -> DemoResult:
    """The registered demo loader: two articles on the regional review, one linked as its coverage."""
    documents = load_documents_demo()
    linked = sum(1 for d in Document.objects.filter(pk__in=[d.pk for d in documents]) if d.conference_id)
    return DemoResult(
        lines=[f"Documents: {len(documents)} articles on the 2024 regional review, {linked} linked."]
    )
