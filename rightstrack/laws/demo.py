"""The register's part of the demo: six real, public documents the provinces' work refers to, with statuses in
a few provinces (one "in force, not yet put into practice", as the 2 August 2025 review's chair noted of
some policies). Written through the services; idempotent (each document is looked up by its symbol, the
Constitution's chapter by its part). Dates and symbols are those of the documents as published.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from rightstrack.accounts.models import User
from rightstrack.bodies.choices import BodyKind
from rightstrack.bodies.models import Body
from rightstrack.core.registry import DemoResult
from rightstrack.laws.choices import ImplementationStatus, LegalKind
from rightstrack.laws.models import LegalDocument, LegalStatus
from rightstrack.laws.services import legal_document_create, legal_status_set, mentions_detect

D = datetime.date
CONSTITUTION_PART = "Chương II"

DOCUMENTS = (
    {
        "kind": LegalKind.CONSTITUTION,
        "symbol": "",
        "part": CONSTITUTION_PART,
        "title": "Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 2013",
        "title_en": "Constitution of the Socialist Republic of Viet Nam (2013)",
        "issuer": "Quốc hội",
        "issued_on": D(2013, 11, 28),
        "in_force_from": D(2014, 1, 1),
        "summary": "Chương II: Quyền con người, quyền và nghĩa vụ cơ bản của công dân (Điều 14 đến Điều 49).",
    },
    {
        "kind": LegalKind.LAW,
        "symbol": "14/2012/QH13",
        "title": "Luật Phổ biến, giáo dục pháp luật",
        "title_en": "Law on Legal Dissemination and Education",
        "issuer": "Quốc hội",
        "issued_on": D(2012, 6, 20),
        "in_force_from": D(2013, 1, 1),
    },
    {
        "kind": LegalKind.LAW,
        "symbol": "104/2016/QH13",
        "title": "Luật Tiếp cận thông tin",
        "title_en": "Law on Access to Information",
        "issuer": "Quốc hội",
        "issued_on": D(2016, 4, 6),
        "in_force_from": D(2018, 7, 1),
    },
    {
        "kind": LegalKind.DECREE,
        "symbol": "30/2020/NĐ-CP",
        "title": "Nghị định về công tác văn thư",
        "title_en": "Decree on clerical work",
        "issuer": "Chính phủ",
        "issued_on": D(2020, 3, 5),
        "in_force_from": D(2020, 3, 5),
    },
    {
        "kind": LegalKind.RESOLUTION,
        "symbol": "202/2025/QH15",
        "title": "Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh",
        "title_en": "Resolution on the arrangement of provincial-level administrative units",
        "issuer": "Quốc hội",
        "issued_on": D(2025, 6, 12),
        "in_force_from": D(2025, 6, 12),
        "summary": "63 tỉnh, thành phố được sắp xếp thành 34 đơn vị hành chính cấp tỉnh từ ngày 01/7/2025.",
    },
    {
        "kind": LegalKind.POLICY,
        "symbol": "90/QĐ-TTg",
        "title": "Phê duyệt Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025",
        "title_en": "The National Target Programme for Sustainable Poverty Reduction 2021–2025",
        "issuer": "Thủ tướng Chính phủ",
        "issued_on": D(2022, 1, 18),
        "in_force_from": D(2022, 1, 18),
    },
)

# (symbol or the Constitution's part, province committee's unit name, status, since, note)
STATUSES = (
    ("14/2012/QH13", "Đà Nẵng", ImplementationStatus.APPLIED, D(2013, 1, 1), ""),
    ("14/2012/QH13", "Cần Thơ", ImplementationStatus.APPLIED, D(2013, 1, 1), ""),
    (
        "104/2016/QH13",
        "Cần Thơ",
        ImplementationStatus.NOT_IN_PRACTICE,
        D(2018, 7, 1),
        "Chưa lập chuyên mục công khai thông tin trên cổng thông tin điện tử của tỉnh; chưa bố trí đầu mối"
        " cung cấp thông tin theo yêu cầu.",
    ),
    ("104/2016/QH13", "Đà Nẵng", ImplementationStatus.APPLIED, D(2018, 7, 1), ""),
    ("90/QĐ-TTg", "Lâm Đồng", ImplementationStatus.APPLIED, D(2022, 1, 18), ""),
    (CONSTITUTION_PART, "Đà Nẵng", ImplementationStatus.APPLIED, D(2014, 1, 1), ""),
)


def _document(spec: dict) -> LegalDocument:
    found = (
        LegalDocument.objects.filter(kind=spec["kind"], part=spec.get("part", ""))
        .filter(symbol=spec["symbol"])
        .first()
    )
    return found or legal_document_create(actor=None, **spec)


def _committee(unit_name: str) -> Body | None:
    return (
        Body.objects.filter(
            kind=BodyKind.PROVINCIAL_COMMITTEE, unit__name__icontains=unit_name, dissolved_on__isnull=True
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def load_laws_demo() -> tuple[int, int]:
    """The six documents and the statuses; returns (documents, statuses) as they are after loading."""
    actor = User.objects.filter(username="vanphong").first()
    by_name = {}
    for spec in DOCUMENTS:
        document = _document(spec)
        by_name[spec["symbol"] or spec.get("part", "")] = document
    for name, unit_name, status, since, note in STATUSES:
        body = _committee(unit_name)
        document = by_name[name]
        if body is None or LegalStatus.objects.filter(document=document, body=body).exists():
            continue
        legal_status_set(actor=actor, document=document, body=body, status=status, since=since, note=note)
    return LegalDocument.objects.count(), LegalStatus.objects.count()


def load() -> DemoResult:
    """The registered demo loader: the documents, the statuses, then the citations in the demo reports."""
    documents, statuses = load_laws_demo()
    found = mentions_detect(actor=None)
    return DemoResult(
        lines=[
            f"Laws and policies: {documents} documents, {statuses} statuses in bodies, "
            f"{found.found} citations in {found.sections} report sections."
        ]
    )
