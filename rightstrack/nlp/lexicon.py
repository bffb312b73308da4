"""Words the meeting reader looks for, in Vietnamese and English, all folded (``core.text.fold``).

Lexicons, not names: nothing here names a person, a place or a number of one article. Phrases are matched on
folded text with word boundaries, so "Tập huấn", "tap huan" and "TẬP HUẤN" are one phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rightstrack.core.text import fold

TRAINING, REVIEW, WORKSHOP, OTHER = "training", "review", "workshop", "other"

# The words that name a meeting, and the kind each says. The longest phrase wins ("hội nghị tập huấn").
KIND_WORDS: dict[str, str] = {
    "tap huan": TRAINING,
    "boi duong": TRAINING,
    "training": TRAINING,
    "training course": TRAINING,
    "training session": TRAINING,
    "training conference": TRAINING,
    "tong ket": REVIEW,
    "so ket": REVIEW,
    "danh gia ket qua": REVIEW,
    "review": REVIEW,
    "review conference": REVIEW,
    "summing up": REVIEW,
    "sum up": REVIEW,
    "hoi thao": WORKSHOP,
    "toa dam": WORKSHOP,
    "workshop": WORKSHOP,
    "seminar": WORKSHOP,
    "symposium": WORKSHOP,
}
# Nouns for "the meeting" itself.
MEETING_NOUNS_VI = ("hoi nghi", "buoi tap huan", "lop tap huan", "hoi thao", "toa dam", "cuoc hop", "su kien")
MEETING_NOUNS_EN = ("conference", "meeting", "workshop", "training", "seminar", "event", "session", "course")

# Ranks and honorifics written before a name; they are not part of the name or the position.
HONORIFICS = tuple(
    sorted(
        {
            # Vietnamese (folded)
            "dong chi", "d/c", "dc", "ong", "ba", "anh", "chi", "nha bao",
            "dai tuong", "thuong tuong", "trung tuong", "thieu tuong", "dai ta", "thuong ta", "trung ta",
            "thieu ta", "dai uy", "thuong uy", "trung uy", "thieu uy",
            "pgs", "gs", "ts", "ths", "ncs", "bs", "ks", "cn", "pgs.ts", "gs.ts", "pgs, ts", "gs, ts",
            "pho giao su", "giao su", "tien si", "thac si", "luat su",
            # English
            "mr", "mrs", "ms", "dr", "prof", "professor", "assoc prof", "associate professor",
            "general", "senior lieutenant general", "lieutenant general", "major general", "colonel",
            "lieutenant colonel", "senior colonel", "major", "captain", "comrade", "madam", "sir",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
# Job titles that may stand between an honorific and a name in English ("Deputy Minister Nguyen Van Thanh").
TITLE_WORDS_EN = frozenset(
    "deputy vice minister chairman chairwoman chair head director secretary president governor standing "
    "permanent chief general".split()
)

# Vietnamese family names (folded): a run of capitalised syllables starting with one reads as a person.
SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly trinh dinh lam mai truong doan "
    "to luu thai ha cao chau quach la lai luong kieu tang thach khuc ton van tieu ong nong lo quan giap "
    "chu hua y k ksor rah siu nie mo ha thieu au dam kha mac lu luc trieu tong vuong ninh bach".split()
)

CHAIR_VI = ("chu tri",)
CHAIR_EN = ("chaired", "chaired by", "presided over", "presided", "chairing", "co-chaired", "co chaired")
ORGANISE_VI = ("to chuc",)
ORGANISE_EN = ("organized", "organised", "held", "hosted", "convened")

# Document references whose dates are not the meeting's ("Kết luận số 57 ngày 15/6/2023").
DOCUMENT_WORDS = (
    "ket luan", "quyet dinh", "nghi quyet", "chi thi", "thong tu", "nghi dinh", "luat", "cong van",
    "ke hoach so", "so ", "decision", "resolution", "directive", "decree", "conclusion", "circular", "law",
)  # fmt: skip

PEOPLE_NOUNS_VI = ("dai bieu", "dong chi", "can bo", "hoc vien", "nguoi", "thanh vien", "bao cao vien")
PEOPLE_NOUNS_EN = (
    "delegates", "participants", "officials", "people", "representatives", "trainees", "officers",
    "attendees", "members", "leaders",
)  # fmt: skip
UNIT_NOUNS_VI = (
    "tinh, thanh pho", "tinh/thanh pho", "tinh thanh pho", "tinh, thanh", "tinh thanh", "dia phuong",
    "tinh", "bo, nganh", "bo nganh", "bo, ban, nganh", "co quan", "don vi", "so, ban, nganh", "so, nganh",
    "huyen", "quan, huyen", "huyen, thi xa, thanh pho", "quan, huyen, thi xa", "xa, phuong",
)  # fmt: skip
UNIT_NOUNS_EN = (
    "provinces and cities", "provinces and centrally-run cities", "cities and provinces", "provinces",
    "localities", "ministries", "agencies", "units", "ministries and agencies", "cities",
)  # fmt: skip
ATTENDANCE_VI = ("tham du", "du ", "tham gia", "dai bieu", "co mat", "den tu", "dai dien")
ATTENDANCE_EN = ("attend", "participa", "delegates", "attracted", "gathered", "brought together", "present")

PRESENTING_VI = (
    "tham luan", "bao cao ket qua", "trinh bay bao cao", "bao cao cua", "chia se kinh nghiem", "trinh bay",
)  # fmt: skip
PRESENTING_EN = (
    "presented", "presented reports", "presented their reports", "delivered reports", "presentations",
    "reported on", "shared their experience", "shared experiences",
)  # fmt: skip

# Work areas: the keys of the report template's sections (rightstrack/reporting/default_template.py).
WORK_AREAS: dict[str, tuple[str, ...]] = {
    "results-legal": (
        "phap luat", "the che", "van ban quy pham", "law", "laws", "legal", "legislation", "legislative",
    ),
    "results-education": (
        "tuyen truyen", "giao duc", "nang cao nhan thuc", "boi duong kien thuc", "pho bien",
        "thong tin doi ngoai",
        "truyen thong", "awareness", "education", "dissemination", "propaganda", "communication",
        "information about human rights", "foreign information",
    ),
    "results-social": (
        "an sinh xa hoi", "giam ngheo", "xoa doi", "bao tro xa hoi", "de bi ton thuong", "tro giup phap ly",
        "nguoi co cong", "bao ve tre em", "social security", "poverty", "vulnerable", "social protection",
        "legal assistance", "legal aid",
    ),
    "results-religion-ethnic": (
        "ton giao", "tin nguong", "dan toc thieu so", "religion", "religious", "belief", "ethnic",
    ),
    "results-coordination": (
        "cong tac phoi hop", "phoi hop giua", "phoi hop chat che", "trao doi thong tin", "coordination",
    ),
    "results-international": (
        "lien hop quoc", "lien hiep quoc", "hoi dong nhan quyen", "bao cao quoc gia", "cong uoc", "upr",
        "doi thoai nhan quyen", "doi ngoai", "quoc te", "united nations", "human rights council",
        "convention",
        "international", "dialogue", "cerd", "iccpr",
    ),
}  # fmt: skip

SHORTCOMING_CUES = (
    "han che", "ton tai", "thieu sot", "yeu kem", "kho khan", "bat cap", "vuong mac", "chua kip thoi",
    "chua dong bo", "chua thuong xuyen", "chua day du", "chua hieu qua", "chua sau", "chua cao", "con cham",
    "limitation", "limitations", "shortcoming", "shortcomings", "weakness", "weaknesses", "inadequa",
    "difficulties", "not been regular", "untimely", "inconsistent", "insufficient", "still faces",
    "remain limited", "has not been", "have not been",
)  # fmt: skip
DIRECTIVE_CUES = (
    "de nghi", "yeu cau", "chi dao cac", "phat bieu chi dao", "nhan manh can", "can tiep tuc", "can phai",
    "phai tiep tuc", "quan triet", "urged", "asked", "requested", "directed", "called on", "called for",
    "instructed", "must", "should", "need to", "needs to",
)  # fmt: skip
PROPOSAL_CUES = (
    "de xuat", "kien nghi", "proposed", "proposal", "proposals", "recommend", "recommended", "suggested",
)  # fmt: skip
# Sentences that state results, not shortcomings, even with a cue ("không để xảy ra", "no incidents").
NOT_SHORTCOMING = ("khong de xay ra", "khong xay ra", "no incidents")


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regular expression matching any of ``phrases`` as whole words in folded text, longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w])")


def has_phrase(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(fold(text)) is not None
