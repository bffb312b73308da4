"""Taking what an article states into a conference's directives (issue 11 item 5): one sentence, one
directive, once.

The documents app (above this one) reads the article and calls ``directive_take_statement`` with the
document; this module never imports that app: it reads the document's ``conference``, ``language`` and
``statements`` (the stated directives and shortcomings) as attributes, and checks the actor may read it by the
permission's name. The sentence is named by its key (``statement_key``: a hash of its text), which is stored
on the directive with the document, so taking it again finds the directive it made (a unique constraint
backs this up).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.bodies.rules import acting_for
from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.core.text import fold
from rightstrack.core.types import Actor
from rightstrack.followup.models import Directive, DirectiveKind
from rightstrack.followup.services._common import clean_text
from rightstrack.followup.services.directives import _check_directive, directive_kinds_ensure
from rightstrack.nlp.language import EN, VI, detect_language

TAKEN_FROM = ("directives", "shortcomings")  # what an article states that may become a directive
MAX_NUMBER = 999

# The kinds of directive (the taxonomy's codes, decision 0043) and the words that tell them, folded (no
# diacritics, lower case), Vietnamese and English; a word ending in "*" is a stem ("educat*": educate,
# education). A sentence takes the kind with the most words found; a tie goes to the kind listed first; none
# found: "other". Words of the work, never of one article (no person, no place).
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "education",
        ("giao duc", "pho bien", "tuyen truyen", "truyen thong", "nhan thuc", "hieu biet",
         "educat*", "disseminat*", "awareness", "propaganda", "communicat*"),
    ),
    (
        "capacity",
        ("nang luc", "trinh do", "dao tao", "boi duong", "tap huan", "can bo", "nghiep vu", "chuyen mon",
         "capacit*", "qualification*", "training", "skill*", "staff", "personnel", "officials"),
    ),
    (
        "grassroots",
        ("co so", "cap xa", "xa phuong", "phuong xa", "thon", "to dan pho",
         "grassroots", "commune*", "ward*", "village*", "local level"),
    ),
    (
        "legislation",
        ("phap luat", "chinh sach", "the che", "van ban", "luat", "nghi dinh", "sua doi", "bo sung",
         "ban hanh", "de xuat", "kien nghi",
         "legislat*", "law", "laws", "legal", "policy", "policies", "decree*", "regulation*", "amend*",
         "institution*"),
    ),
    (
        "review",
        ("ra soat", "danh gia", "tong ket", "so ket", "kiem tra", "giam sat", "ton tai", "han che",
         "review*", "assess*", "evaluat*", "take stock", "inspect*", "monitor*", "shortcoming*"),
    ),
)  # fmt: skip
OTHER = "other"
_SPACES = re.compile(r"\s+")


def statement_key(sentence: str) -> str:
    """The key of a stated sentence: the SHA-256 of its text (NFC, white space squeezed)."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", sentence or "")).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


def _found(phrase: str, words: str) -> bool:
    if phrase.endswith("*"):
        return f" {phrase[:-1]}" in words
    return f" {phrase} " in words


def guess_kind(text: str) -> str:
    """The code of the kind of directive ``text`` reads as (``KIND_WORDS``), or "other"."""
    words = _words(text)
    best, best_hits = OTHER, 0
    for code, phrases in KIND_WORDS:
        hits = sum(1 for phrase in phrases if _found(phrase, words))
        if hits > best_hits:
            best, best_hits = code, hits
    return best


def statement_language(sentence: str, document_language: str) -> str:
    """ "vi" or "en": the sentence's own language when it tells, else the document's, else Vietnamese."""
    language = detect_language(sentence)
    if language in (VI, EN):
        return language
    return EN if document_language == EN else VI


def stated_sentences(document: Any) -> dict[str, str]:
    """The sentences of ``document`` that may be taken (its stated directives, then shortcomings), by key."""
    statements = document.statements or {}
    found: dict[str, str] = {}
    for part in TAKEN_FROM:
        for sentence in statements.get(part) or []:
            if isinstance(sentence, str) and sentence.strip():
                found.setdefault(statement_key(sentence), sentence.strip())
    return found


def _kind(code: str) -> DirectiveKind:
    kinds = {kind.code: kind for kind in DirectiveKind.objects.filter(code__in=[code, OTHER], is_active=True)}
    if code in kinds:
        return kinds[code]
    if OTHER in kinds:
        return kinds[OTHER]
    directive_kinds_ensure()  # a database without the seeded kinds (a flushed one)
    active = DirectiveKind.objects.filter(is_active=True)
    return active.filter(code=code).first() or active.filter(code=OTHER).first() or active.first()  # type: ignore[return-value]


def _position(chair: Any) -> str:
    """The chair's title in their body, else their seat's name in Vietnamese (the record's language), with
    the body's name: "Phó Trưởng ban Thường trực, Ban Chỉ đạo …"."""
    if chair is None:
        return ""
    if chair.title:
        return str(chair.title)
    with translation.override("vi"):
        return f"{chair.get_position_display()}, {chair.body.name}"[:255]


@dataclass(frozen=True)
class Taken:
    """The directive a sentence became, and whether this call made it (False: it was taken before)."""

    directive: Directive
    created: bool


@transaction.atomic
def directive_take_statement(*, actor: Actor | None, document: Any, key: str) -> Taken:
    """Make the sentence ``key`` that ``document`` (an article linked to a conference) states into a directive
    of that conference: issued by the conference's organiser (the committee a standing office acts for) on
    the conference's day, by its chair where the record names one, in the field of the sentence's language,
    of the kind its words tell. Taking the same sentence again returns the directive made the first time."""
    if actor is not None:
        ensure_can(actor, "documents.view_document", document)
    # One take of a document's sentences at a time: the document's row is the lock (its model is never
    # imported here; type() gives it).
    locked = type(document).objects.select_for_update(of=("self",)).get(pk=document.pk)
    conference = locked.conference
    if conference is None:
        raise ValidationError(
            _("This article is not linked to a conference: link it first, then take its directives.")
        )
    if actor is not None:
        ensure_can(actor, "conferences.view_conference", conference)
    issuer = acting_for(conference.organiser)
    assert issuer is not None
    if actor is not None:
        ensure_can(actor, "followup.add_directive", Directive(issuer=issuer))
    sentence = stated_sentences(locked).get(key or "")
    if sentence is None:
        raise ValidationError(
            _("This sentence is not one the article states (it may have been read again): reload the page.")
        )
    existing = Directive.objects.filter(source_article_id=locked.pk, statement_key=key).first()
    if existing is not None:
        return Taken(directive=existing, created=False)
    language = statement_language(sentence, locked.language)
    text = clean_text(sentence, field_name="text")
    chair = conference.chair
    person = chair.person if chair is not None else None
    last = Directive.objects.filter(conference=conference).aggregate(last=Max("number"))["last"] or 0
    directive = Directive(
        issuer=issuer,
        kind=_kind(guess_kind(sentence)),
        number=last + 1 if last < MAX_NUMBER else None,
        text=text if language == VI else "",
        text_en=text if language == EN else "",
        issued_by_name=person.full_name if person is not None else "",
        issued_by_position=_position(chair),
        issued_on=conference.date,
        conference=conference,
        source_article_id=locked.pk,
        statement_key=key,
        created_by=actor,
    )
    directive.full_clean()
    _check_directive(directive, kind_changed=True)
    directive.save()
    audit_record(
        obj=directive,
        action="create",
        actor=actor,
        after={**snapshot(directive), "taken_from": {"document": locked.pk, "sentence": sentence}},
    )
    return Taken(directive=directive, created=True)
