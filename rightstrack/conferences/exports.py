"""A conference's record as a file that leaves the system: its minutes as an administrative document
(Decree 30/2020/NĐ-CP, ``exchange.official``, decision 0048) under the organising body's letterhead, kind
"BIÊN BẢN", dated the day of the conference and signed by its chair. The values are the app's; the layout is
``exchange``'s."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rightstrack.bodies.choices import Position
from rightstrack.bodies.selectors import letterhead_values
from rightstrack.conferences.models import Conference
from rightstrack.core.text import ascii_file_name
from rightstrack.exchange.document import Document, Section, format_date
from rightstrack.exchange.official import OfficialHeading, official_to_docx

MINUTES_KIND = "BIÊN BẢN"  # the decree's form, not interface text (decision 0022)
PARTICIPANTS_RECIPIENT = "Các cơ quan, đơn vị dự hội nghị"
MINUTES_WORD = gettext_noop("minutes")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class MinutesFile:
    content: bytes
    name: str
    content_type: str = DOCX


def _paragraphs(text: str) -> str:
    """Plain text as paragraphs: a paragraph a line, blank lines dropped."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def minutes_heading(conference: Conference) -> OfficialHeading:
    """The organiser's letterhead, the conference's day and place, its chair as the signer."""
    values = letterhead_values(conference.organiser, day=conference.date)
    place = values.place or (conference.place.name if conference.place is not None else "")
    authority, position, name = values.signer_authority, values.signer_position, values.signer_name
    chair = conference.chair
    if chair is not None and chair.person is not None:
        with translation.override("vi"):
            position = chair.title or str(Position(chair.position).label)
        authority, name = "", chair.person.full_name
    return OfficialHeading(
        issuing_body=values.issuing_name,
        parent_body=values.parent_name,
        symbol=f"BB-{values.symbol.split('-', 1)[1]}" if "-" in values.symbol else "BB",
        place=place,
        date=conference.date,
        kind=MINUTES_KIND,
        summary=conference.title,
        recipients=[*values.recipients, PARTICIPANTS_RECIPIENT],
        signer_authority=authority,
        signer_position=position,
        signer_name=name,
    )


def minutes_document(conference: Conference) -> Document:
    """The conference's record: when, where, who chaired and took part, who presented, the agenda and the
    minutes as written (labels in the reader's language)."""
    language = "en" if (translation.get_language() or "vi").startswith("en") else "vi"
    when = format_date(conference.date, language)
    if conference.start_time:
        when = f"{conference.start_time:%H:%M}, {when}"
    place = ", ".join(
        part for part in (conference.venue, conference.place.name if conference.place else "") if part
    )
    chair = conference.chair
    facts = [
        (_("Date"), when),
        (_("Place"), place or "—"),
        (_("Organising body"), conference.organiser.name),
        (
            _("Chair"),
            f"{chair.person.full_name}, {chair.get_position_display()}" if chair and chair.person else "—",
        ),
    ]
    if conference.attendee_count is not None:
        facts.append((_("Number of participants (people)"), str(conference.attendee_count)))
    participants = [p.body.name for p in conference.participants.select_related("body")]
    presenters = [
        p.body.name for p in conference.presentations.select_related("body").order_by("order", "id")
    ]
    sections = [
        Section(_("Agenda"), 1, _paragraphs(conference.agenda)),
        Section(
            _("Participating bodies"),
            1,
            "<ol>" + "".join(f"<li>{escape(n)}</li>" for n in participants) + "</ol>" if participants else "",
        ),
        Section(
            _("Presenting bodies"),
            1,
            "<ol>" + "".join(f"<li>{escape(n)}</li>" for n in presenters) + "</ol>" if presenters else "",
        ),
        Section(_("Minutes"), 1, _paragraphs(conference.minutes)),
    ]
    return Document(
        title=conference.display_title,
        facts=facts,
        sections=sections,
        empty_text=_("(nothing written)"),
        language=language,
        subject=conference.title,
        author=str(getattr(settings, "SITE_NAME", "rightstrack")),
    )


def minutes_file(conference: Conference) -> MinutesFile:
    """The minutes as Word in the official layout; the name says what and when, never an id:
    "bien-ban-hoi-nghi-so-ket-…-2025-08-02.docx"."""
    with translation.override(settings.LANGUAGE_CODE):
        word = ascii_file_name(_(MINUTES_WORD), default="minutes").lower()
    title = ascii_file_name(conference.title, default="").lower()
    if len(title) > 60:
        title = title[:61].rsplit("-", 1)[0]
    stem = "-".join(part for part in (word, title, conference.date.isoformat()) if part)
    return MinutesFile(
        content=official_to_docx(minutes_document(conference), minutes_heading(conference)),
        name=f"{stem}.docx",
    )
