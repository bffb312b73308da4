"""Every route, for every persona: the status each one must get.

The routes are read from the URL resolver; the expectations are written out by hand in ``CASES`` (never
computed by the permission code under test). A route the table does not cover fails
``test_every_route_is_in_the_matrix``, so nobody can add a page or an endpoint that escapes the matrix: add
a ``Case`` for it, naming who may use it and whose scope its object lies in.

Statuses: 200 allowed; 302 anonymous sent to the login page; 403 the object is within the persona's scope
but the action is not theirs (or a page for a role they lack); 404 the object is outside their scope, which
is indistinguishable from an object that does not exist; 405 the route takes no GET. The API answers an
anonymous caller 403 (session authentication sends no challenge).
"""

from __future__ import annotations

import datetime
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rightstrack.bodies.models import Body, Membership
from rightstrack.core.models import AuditEntry, Job, JobState
from rightstrack.recommendations.models import Assessment, Assignment, Measure
from rightstrack.reporting.choices import CycleStatus, ReportStatus
from rightstrack.reporting.jobs import CYCLE_ZIP, IMPORT_DOCX, REPORT_PDF
from rightstrack.reporting.models import Attachment, Report, ReportingCycle, ReportSection
from rightstrack.reporting.services import cycle_create
from tests.conftest import ANONYMOUS, MINIMAL_PDF, PERSONAS, SIGNED_IN, World
from tests.layers import State, layer, layer_fixture

HTML, API = "html", "api"
ANONYMOUS_STATUS = {HTML: 302, API: 403}

# Who sees what, written out from the scope rules (DESIGN.md): administrators everything; the standing
# office acts for the national committee; everyone else their own body's subtree.
NATIONAL_STAFF = {"admin", "secretariat", "reviewer"}
SEES = {
    "national": NATIONAL_STAFF,
    "A": NATIONAL_STAFF | {"focal_a"},
    "B": NATIONAL_STAFF | {"focal_b"},
    "justice": NATIONAL_STAFF | {"agency"},
    "admin-only": {"admin"},
}
RUNS_BODIES = {"admin", "secretariat"}
WRITES_A = {"admin", "focal_a"}  # a report is written by its own body's focal point
REVIEWS = {"admin", "secretariat", "reviewer"}
ORGANISES = {"admin", "secretariat"}  # conferences are recorded by the standing office
ISSUES = {"admin", "secretariat"}  # directives are issued and assigned by the standing office
RECORDS = {"admin", "secretariat", "focal_a", "focal_b", "agency"}  # activities: the office and focal points
KEEPS = set(SIGNED_IN) - {"reviewer"}  # documents are kept by the office and focal points; reviewers read
KEEPS_A = {"admin", "secretariat", "focal_a"}
SIGNED_IN_WRITERS = {"admin", "secretariat", "focal_a", "focal_b", "agency"}  # proposals: not the reviewer


Expect = dict[str, int]


def signed_in(status: int = 200, *, kind: str = HTML) -> Expect:
    return {ANONYMOUS: ANONYMOUS_STATUS[kind]} | dict.fromkeys(SIGNED_IN, status)


def everyone(status: int = 200) -> Expect:
    return dict.fromkeys(PERSONAS, status)


def permitted(allowed: set[str], *, kind: str = HTML) -> Expect:
    """A page for some roles only: the others get 403."""
    return {ANONYMOUS: ANONYMOUS_STATUS[kind]} | {p: 200 if p in allowed else 403 for p in SIGNED_IN}


def scoped(owner: str, *, allowed: set[str] | None = None, kind: str = HTML, ok: int = 200) -> Expect:
    """In ``owner``'s scope: ``ok`` if allowed (default: whoever sees it), 403 if only seen, else 404.

    ``ok=405``: a POST-only page that checks scope and permission first (so a GET tells nothing more).
    """
    seers = SEES[owner]
    allowed = seers if allowed is None else allowed
    return {ANONYMOUS: ANONYMOUS_STATUS[kind]} | {
        p: (ok if p in allowed else 403) if p in seers else 404 for p in SIGNED_IN
    }


def no_get(*, kind: str = HTML) -> Expect:
    """A route that only takes POST (or PUT/PATCH): a signed-in GET is 405, whatever the object."""
    return signed_in(405, kind=kind)


def own(owner: str, *, kind: str = HTML) -> Expect:
    """A personal record (a background job): its owner and administrators; for anyone else it is not found."""
    return {ANONYMOUS: ANONYMOUS_STATUS[kind]} | {p: 200 if p in {owner, "admin"} else 404 for p in SIGNED_IN}


Args = Callable[[World], dict[str, Any]]


def nothing(world: World) -> dict[str, Any]:
    return {}


def pk(get: Callable[[World], Any]) -> Args:
    return lambda world: {"pk": get(world).pk}


def history_of(app_label: str, model_name: str, get: Callable[[World], Any]) -> Args:
    return lambda world: {"app_label": app_label, "model_name": model_name, "pk": str(get(world).pk)}


@dataclass(frozen=True)
class Case:
    route: str
    label: str
    args: Args
    expect: Expect
    query: str = ""
    login_redirect: bool = True  # anonymous 302 means "sign in first"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.route}[{self.label}]" if self.label else self.route


def rep(world: World) -> Any:
    return world.reporting()


def conf(world: World) -> Any:
    return world.conferences()


def fu(world: World) -> Any:
    return world.followup()


def evidence_of_a(world: World) -> dict[str, Any]:
    return {"pk": fu(world).task_a.pk, "evidence_pk": fu(world).evidence_file.pk}


def conf_part(get: Callable[[Any], Any]) -> Args:
    """A conference's document or article: the conference's id and the part's."""
    return lambda world: {"pk": conf(world).with_a.pk, "part_pk": get(conf(world)).pk}


def docs(world: World) -> Any:
    return world.documents()


def ingest_job_of_a(world: World) -> Job:
    """A finished bulk ingestion of focal_a's (its result lists one file)."""
    from rightstrack.documents.jobs import INGEST

    job = Job.objects.filter(actor=world.users["focal_a"], kind=INGEST).first()
    if job is None:
        job = Job.objects.create(
            actor=world.users["focal_a"],
            kind=INGEST,
            state=JobState.SUCCEEDED,
            done=1,
            total=1,
            result_data={
                "added": 1,
                "duplicates": 0,
                "refused": 0,
                "files": [
                    {
                        "name": "a.txt",
                        "status": "added",
                        "message": "",
                        "document": docs(world).article_a.pk,
                        "near_duplicate_of": None,
                    }
                ],
            },  # fmt: skip
        )
    return job


def job_of_a(world: World) -> Job:
    """A finished export of focal_a's, with its file."""
    # Other layers leave jobs of focal_a's too (imports, with no file): take the export, or make it.
    job = (
        Job.objects.filter(actor=world.users["focal_a"], kind="reporting.cycle_zip", state=JobState.SUCCEEDED)
        .exclude(result="")
        .first()
    )
    if job is None:
        job = Job.objects.create(
            actor=world.users["focal_a"],
            kind="reporting.cycle_zip",
            state=JobState.SUCCEEDED,
            done=1,
            total=1,
        )
        job.result.save("reports.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
        Job.objects.filter(pk=job.pk).update(result=job.result.name, result_name="reports.zip")
        job.refresh_from_db()
    return job


def pack_of(world: World) -> Any:
    """The standing office's pack of the reporting cycle (organised by the national committee)."""
    from rightstrack.packs.models import ConsolidatedPack
    from rightstrack.packs.services import pack_create

    cycle = rep(world).cycle
    return ConsolidatedPack.objects.filter(cycle=cycle).first() or pack_create(
        actor=world.users["secretariat"], cycle=cycle
    )


def acts(world: World) -> Any:
    return world.activities()


def first_audience_group() -> Any:
    from rightstrack.activities.models import AudienceGroup

    return AudienceGroup.objects.order_by("pk").first()


def activity_topic(topic: str) -> Callable[[World], bool]:
    from rightstrack.activities.models import Activity

    return lambda w: Activity.objects.filter(topic=topic).exists()


def activities_job_of_a(world: World) -> Job:
    """A finished dry run of focal_a's activities import."""
    job = Job.objects.filter(actor=world.users["focal_a"], kind="activities.import_xlsx").first()
    return job or Job.objects.create(
        actor=world.users["focal_a"],
        kind="activities.import_xlsx",
        state=JobState.SUCCEEDED,
        params={"body": world.committee_a.pk, "dry_run": True},
        result_data={"dry_run": True, "rows": [], "errors": [], "file_rows": 0, "body_name": "A"},
    )


def recs(world: World) -> Any:
    return world.recommendations()


def assessment_of_upr(world: World) -> Any:
    """An assessment of the national committee's UPR recommendation (made once, by hand)."""
    from rightstrack.recommendations.models import Assessment

    upr = recs(world).upr
    return Assessment.objects.filter(recommendation=upr).first() or Assessment.objects.create(
        recommendation=upr, body=world.justice, status="in_progress", assessed_on=datetime.date(2026, 1, 1)
    )


def justice_measure(world: World) -> Any:
    """CEDAW's recommendation assigned to the Ministry of Justice (lead), in a cluster, with a measure and an
    assessment: the agency's own to update, the reviewer's to read, out of the provinces' scope."""
    from rightstrack.recommendations.models import Measure
    from rightstrack.recommendations.services import (
        assessment_add,
        cluster_create,
        measure_add,
        recommendation_assign,
    )

    cedaw = recs(world).cedaw
    measure = Measure.objects.filter(recommendation=cedaw).first()
    if measure is None:
        recommendation_assign(actor=None, recommendation=cedaw, lead=world.justice)
        cedaw.clusters.add(cluster_create(actor=world.users["admin"], name="Violence against women"))
        measure = measure_add(actor=None, recommendation=cedaw, what="Tập huấn cán bộ xã")
        assessment_add(
            actor=None, recommendation=cedaw, status="in_progress", assessed_on=datetime.date(2026, 1, 15)
        )
    return measure


def justice_assessment_with_file(world: World) -> Any:
    """An assessment of the ministry's recommendation with a PDF as its evidence."""
    from rightstrack.recommendations.models import Assessment
    from rightstrack.recommendations.services import assessment_add

    recommendation = justice_measure(world).recommendation
    found = Assessment.objects.filter(recommendation=recommendation).exclude(evidence_file="").first()
    return found or assessment_add(
        actor=None,
        recommendation=recommendation,
        status="implemented",
        assessed_on=datetime.date(2026, 3, 1),
        evidence_file=SimpleUploadedFile("Báo cáo.pdf", MINIMAL_PDF),
    )


def cluster_of(world: World) -> Any:
    return justice_measure(world).recommendation.clusters.get()


def dry_run_of_secretariat(world: World) -> Job:
    """The standing office's finished dry run of an import (its preview page)."""
    job = Job.objects.filter(actor=world.users["secretariat"], kind="recommendations.import").first()
    if job is None:
        job = Job.objects.create(
            actor=world.users["secretariat"],
            kind="recommendations.import",
            params={"owner": world.national.pk, "dry_run": True, "file_name": "uhri.xlsx"},
            state=JobState.SUCCEEDED,
            result_data={"dry_run": True, "file_name": "uhri.xlsx", "plan": {"counts": {}, "rows": []}},
        )
    return job


def tag_suggestion_of_a(world: World) -> Any:
    """A pending tag suggestion on the "situation" section of A's report (made here: no layer holds one)."""
    from rightstrack.tagging.models import Suggestion

    suggestion, _ = Suggestion.objects.get_or_create(
        kind="report_section",
        report=world.reporting().report_a,
        section_key="situation",
        taxonomy="sdg-goal",
        code="16",
        defaults={"score": 0.8, "model_version": "test"},
    )
    return suggestion


def tagger_version(world: World) -> Any:
    from rightstrack.tagging.models import TaggerVersion

    version, _ = TaggerVersion.objects.get_or_create(
        taxonomy="sdg-goal", version="test", defaults={"model": b"", "figures": {"macro_f1": 0.5}}
    )
    return version


def first_audit_entry(world: World) -> AuditEntry:
    entry = AuditEntry.objects.for_object(world.committee_a).first()
    assert entry is not None
    return entry


CASES = [
    # Shell
    Case("home", "", nothing, signed_in()),
    Case("login", "", nothing, everyone(200)),
    Case("logout", "GET", nothing, everyone(405)),  # signing out is a POST
    Case("set_language", "GET", nothing, everyone(302), login_redirect=False),  # back to the page
    Case("password_change", "", nothing, signed_in()),  # one's own password: see tests/test_logins.py
    Case(
        "profile", "", nothing, signed_in()
    ),  # one's own settings: rightstrack/accounts/tests/test_profile.py
    # A link that opens nothing (the real ones: rightstrack/accounts/tests/test_invitations.py).
    Case(
        "invitation_accept",
        "unknown link",
        lambda w: {"token": "no-such-invitation"},
        everyone(404),
        login_redirect=False,
    ),
    # Reference data: every signed-in user
    Case("places:unit_list", "", nothing, signed_in()),
    Case("places:unit_detail", "province", pk(lambda w: w.province_a), signed_in()),
    Case("places:unit_detail", "commune", pk(lambda w: w.commune_a), signed_in()),
    Case("places:region_list", "", nothing, signed_in()),
    Case("places:region_detail", "", pk(lambda w: w.region), signed_in()),
    # Bodies and memberships
    Case("bodies:body_list", "", nothing, signed_in()),
    Case("bodies:body_create", "", nothing, permitted(RUNS_BODIES)),
    Case("bodies:body_detail", "A", pk(lambda w: w.committee_a), scoped("A")),
    Case("bodies:body_detail", "A's sub-body", pk(lambda w: w.pc_a), scoped("A")),
    Case("bodies:body_detail", "B", pk(lambda w: w.committee_b), scoped("B")),
    Case("bodies:body_detail", "ministry", pk(lambda w: w.justice), scoped("justice")),
    Case("bodies:body_detail", "national", pk(lambda w: w.national), scoped("national")),
    Case("bodies:body_detail", "office", pk(lambda w: w.office), scoped("national")),
    Case("bodies:body_edit", "A", pk(lambda w: w.committee_a), scoped("A", allowed=RUNS_BODIES)),
    Case("bodies:body_edit", "B", pk(lambda w: w.committee_b), scoped("B", allowed=RUNS_BODIES)),
    Case(
        "bodies:membership_create",
        "A",
        pk(lambda w: w.committee_a),
        scoped("A", allowed=RUNS_BODIES | {"focal_a"}),
    ),
    Case(
        "bodies:membership_create",
        "A's sub-body",
        pk(lambda w: w.pc_a),
        scoped("A", allowed=RUNS_BODIES),  # focal points keep their own body's seats, not those below
    ),
    Case(
        "bodies:membership_create",
        "ministry",
        pk(lambda w: w.justice),
        scoped("justice", allowed=RUNS_BODIES | {"agency"}),
    ),
    Case(
        "bodies:membership_end", "A", pk(lambda w: w.seat_a), scoped("A", allowed=RUNS_BODIES | {"focal_a"})
    ),
    Case(
        "bodies:membership_end", "B", pk(lambda w: w.seat_b), scoped("B", allowed=RUNS_BODIES | {"focal_b"})
    ),
    # Users: seen within scope, managed by administrators
    Case("accounts:user_list", "", nothing, signed_in()),
    Case("accounts:user_create", "", nothing, permitted({"admin"})),
    Case("accounts:user_detail", "focal_a", pk(lambda w: w.users["focal_a"]), scoped("A")),
    Case("accounts:user_detail", "focal_b", pk(lambda w: w.users["focal_b"]), scoped("B")),
    Case("accounts:user_detail", "agency", pk(lambda w: w.users["agency"]), scoped("justice")),
    Case("accounts:user_detail", "secretariat", pk(lambda w: w.users["secretariat"]), scoped("national")),
    Case("accounts:user_edit", "focal_a", pk(lambda w: w.users["focal_a"]), scoped("A", allowed={"admin"})),
    Case("accounts:user_edit", "focal_b", pk(lambda w: w.users["focal_b"]), scoped("B", allowed={"admin"})),
    Case("accounts:user_invite", "focal_a", pk(lambda w: w.users["focal_a"]), scoped("A", allowed={"admin"})),
    Case("accounts:user_invite", "focal_b", pk(lambda w: w.users["focal_b"]), scoped("B", allowed={"admin"})),
    # Audit: the log for administrators and the standing office; an object's history for whoever sees it
    Case("core:audit_log", "", nothing, permitted({"admin", "secretariat"})),  # the office: its subtree
    Case("core:history", "body A", history_of("bodies", "body", lambda w: w.committee_a), scoped("A")),
    Case("core:history", "body B", history_of("bodies", "body", lambda w: w.committee_b), scoped("B")),
    Case("core:history", "seat B", history_of("bodies", "membership", lambda w: w.seat_b), scoped("B")),
    Case(
        "core:history",
        "user focal_b",
        history_of("accounts", "user", lambda w: w.users["focal_b"]),
        scoped("B"),
    ),
    Case(
        "core:history",
        "unit",
        history_of("places", "administrativeunit", lambda w: w.province_a),
        signed_in(),
    ),
    Case(
        "core:history",
        "person",
        history_of("bodies", "person", lambda w: w.seat_b.person),
        scoped("admin-only"),
    ),
    Case(
        "core:history",
        "audit entry",
        history_of("core", "auditentry", first_audit_entry),
        scoped("A"),  # a record hangs off the body its object did (AuditEntry.scope_path): A's record
    ),
    Case(
        "core:history",
        "model without a scope rule",
        lambda w: {"app_label": "auth", "model_name": "group", "pk": "1"},
        signed_in(404),
    ),
    Case(
        "core:history",
        "unknown model",
        lambda w: {"app_label": "nosuch", "model_name": "thing", "pk": "1"},
        signed_in(404),
    ),
    Case(
        "core:history",
        "malformed id",
        lambda w: {"app_label": "bodies", "model_name": "body", "pk": "abc"},
        signed_in(404),
    ),
    # Reporting pages
    Case("reporting:cycle_list", "", nothing, signed_in()),
    Case("reporting:cycle_create", "", nothing, permitted(RUNS_BODIES)),
    Case("reporting:cycle_detail", "", pk(lambda w: rep(w).cycle), signed_in()),
    Case("reporting:cycle_edit", "", pk(lambda w: rep(w).cycle), permitted(RUNS_BODIES)),
    Case("reporting:cycle_open", "", pk(lambda w: rep(w).cycle), permitted(RUNS_BODIES)),
    Case("reporting:cycle_close", "", pk(lambda w: rep(w).cycle), permitted(RUNS_BODIES)),
    Case("reporting:cycle_dashboard_xlsx", "", pk(lambda w: rep(w).cycle), signed_in()),
    Case("reporting:template_list", "", nothing, signed_in()),
    Case("reporting:template_detail", "", pk(lambda w: rep(w).template), signed_in()),
    Case("reporting:template_revise", "", pk(lambda w: rep(w).template), permitted(RUNS_BODIES)),
    # A job starts and the page answers at once with the job's page (302); the agency focal point sees no
    # report of this cycle: back to the cycle, saying so (302 too).
    Case("reporting:cycle_export_zip", "", pk(lambda w: rep(w).cycle), signed_in(302)),
    Case("reporting:cycle_export_figures", "", pk(lambda w: rep(w).cycle), signed_in() | {"agency": 302}),
    # Reports: read within scope; written by the body's focal point; reviewed by national staff
    Case("reporting:report_detail", "A", pk(lambda w: rep(w).report_a), scoped("A")),
    Case("reporting:report_detail", "B", pk(lambda w: rep(w).report_b), scoped("B")),
    Case("reporting:report_edit", "A", pk(lambda w: rep(w).report_a), scoped("A", allowed=WRITES_A)),
    Case(
        # submitted, so no longer editable: back to the report, saying why
        "reporting:report_edit",
        "B",
        pk(lambda w: rep(w).report_b),
        scoped("B", allowed={"admin", "focal_b"}, ok=302),
    ),
    Case(
        "reporting:report_autosave",
        "GET",
        pk(lambda w: rep(w).report_a),
        scoped("A", allowed=WRITES_A, ok=405),
    ),
    Case(
        "reporting:report_submit", "GET", pk(lambda w: rep(w).report_a), scoped("A", allowed=WRITES_A, ok=405)
    ),
    Case("reporting:report_return", "B", pk(lambda w: rep(w).report_b), scoped("B", allowed=REVIEWS)),
    Case("reporting:report_accept", "B", pk(lambda w: rep(w).report_b), scoped("B", allowed=REVIEWS)),
    # A draft cannot be returned or accepted: back to the report, saying why.
    Case("reporting:report_return", "A", pk(lambda w: rep(w).report_a), scoped("A", allowed=REVIEWS, ok=302)),
    Case("reporting:report_accept", "A", pk(lambda w: rep(w).report_a), scoped("A", allowed=REVIEWS, ok=302)),
    Case(
        "reporting:report_revision",
        "A",
        lambda w: {"pk": rep(w).report_a.pk, "number": 1},
        scoped("A"),
    ),
    Case("reporting:report_revision_diff", "A", pk(lambda w: rep(w).report_a), scoped("A"), query="?a=1&b=2"),
    Case(
        "reporting:report_attachment_add",
        "GET",
        pk(lambda w: rep(w).report_a),
        scoped("A", allowed=WRITES_A, ok=405),
    ),
    Case(
        "reporting:report_attachment",
        "A",
        lambda w: {"pk": rep(w).report_a.pk, "attachment_pk": rep(w).attachment.pk},
        scoped("A"),
    ),
    Case(
        "reporting:report_attachment_delete",
        "GET",
        lambda w: {"pk": rep(w).report_a.pk, "attachment_pk": rep(w).attachment.pk},
        scoped("A", allowed=WRITES_A, ok=405),
    ),
    Case("reporting:report_import", "A", pk(lambda w: rep(w).report_a), scoped("A", allowed=WRITES_A)),
    Case(
        # nothing uploaded yet: back to the upload step
        "reporting:report_import_preview",
        "A",
        pk(lambda w: rep(w).report_a),
        scoped("A", allowed=WRITES_A, ok=302),
    ),
    Case("reporting:report_export_docx", "A", pk(lambda w: rep(w).report_a), scoped("A")),
    Case("reporting:report_export_docx", "B", pk(lambda w: rep(w).report_b), scoped("B")),
    Case("reporting:report_export_pdf", "A", pk(lambda w: rep(w).report_a), scoped("A", ok=302)),  # a job
    # Consolidated packs: the standing office makes them; the national staff read and build them
    Case("packs:pack_list", "", nothing, permitted(NATIONAL_STAFF)),
    Case("packs:pack_create", "", nothing, permitted(RUNS_BODIES)),
    Case("packs:pack_detail", "", pk(pack_of), scoped("national")),
    Case("packs:pack_build", "GET", pk(pack_of), scoped("national", ok=405)),
    Case("packs:pack_delete", "GET", pk(pack_of), scoped("national", allowed=RUNS_BODIES, ok=405)),
    # Conferences: shared by the organiser and each participant; recorded by the standing office
    Case("conferences:conference_list", "", nothing, signed_in()),
    Case("conferences:conference_calendar", "", nothing, signed_in()),
    Case("conferences:conference_create", "", nothing, permitted(ORGANISES)),
    Case("conferences:conference_detail", "A took part", pk(lambda w: conf(w).with_a), scoped("A")),
    Case("conferences:conference_detail", "B took part", pk(lambda w: conf(w).with_b), scoped("B")),
    Case("conferences:conference_minutes", "A took part", pk(lambda w: conf(w).with_a), scoped("A")),
    Case("conferences:conference_edit", "A", pk(lambda w: conf(w).with_a), scoped("A", allowed=ORGANISES)),
    Case("conferences:conference_delete", "B", pk(lambda w: conf(w).with_b), scoped("B", allowed=ORGANISES)),
    Case(
        "conferences:document_add",
        "GET",
        pk(lambda w: conf(w).with_a),
        scoped("A", allowed=ORGANISES, ok=405),
    ),
    Case("conferences:document", "A", conf_part(lambda c: c.document), scoped("A")),
    Case(
        "conferences:document_delete",
        "GET",
        conf_part(lambda c: c.document),
        scoped("A", allowed=ORGANISES, ok=405),
    ),
    Case(
        "conferences:media_link_add",
        "GET",
        pk(lambda w: conf(w).with_a),
        scoped("A", allowed=ORGANISES, ok=405),
    ),
    Case(
        "conferences:media_link_delete",
        "GET",
        conf_part(lambda c: c.media_link),
        scoped("A", allowed=ORGANISES, ok=405),
    ),
    Case("conference-list", "", nothing, signed_in(kind=API)),
    Case("conference-detail", "A took part", pk(lambda w: conf(w).with_a), scoped("A", kind=API)),
    Case("conference-detail", "B took part", pk(lambda w: conf(w).with_b), scoped("B", kind=API)),
    Case("conference-documents", "GET", pk(lambda w: conf(w).with_a), no_get(kind=API)),
    Case("conference-media-links", "GET", pk(lambda w: conf(w).with_a), no_get(kind=API)),
    # Directives and tasks: a directive is shared by its issuer and its assignees; a task by the issuer and
    # its assignee; the standing office issues and assigns; assignees and the issuer's side record progress
    Case("followup:directive_list", "", nothing, signed_in()),
    Case("followup:directive_create", "", nothing, permitted(ISSUES)),
    Case("followup:directive_detail", "A assigned", pk(lambda w: fu(w).from_conference), scoped("A")),
    Case("followup:directive_detail", "B assigned", pk(lambda w: fu(w).to_b), scoped("B")),
    Case("followup:directive_detail", "ministries", pk(lambda w: fu(w).to_ministries), scoped("justice")),
    Case("followup:directive_edit", "A", pk(lambda w: fu(w).from_conference), scoped("A", allowed=ISSUES)),
    Case("followup:directive_assign", "B", pk(lambda w: fu(w).to_b), scoped("B", allowed=ISSUES)),
    Case("followup:task_list", "", nothing, signed_in()),
    Case("followup:task_overdue", "", nothing, permitted(NATIONAL_STAFF)),
    Case("followup:task_detail", "A", pk(lambda w: fu(w).task_a), scoped("A")),
    Case("followup:task_detail", "B", pk(lambda w: fu(w).task_b), scoped("B")),
    Case("followup:task_detail", "ministry", pk(lambda w: fu(w).task_justice), scoped("justice")),
    Case("followup:task_update", "A", pk(lambda w: fu(w).task_a), scoped("A")),
    Case("followup:task_update", "ministry", pk(lambda w: fu(w).task_justice), scoped("justice")),
    Case("followup:evidence", "A", evidence_of_a, scoped("A")),
    Case("followup:kind_list", "", nothing, permitted(ISSUES)),
    Case("followup:kind_create", "", nothing, permitted(ISSUES)),
    Case("followup:kind_edit", "", pk(lambda w: fu(w).kind), permitted(ISSUES)),
    Case("directive-kind-list", "", nothing, signed_in(kind=API)),
    Case("directive-kind-detail", "", pk(lambda w: fu(w).kind), signed_in(kind=API)),
    Case("directive-list", "", nothing, signed_in(kind=API)),
    Case("directive-detail", "A assigned", pk(lambda w: fu(w).from_conference), scoped("A", kind=API)),
    Case("directive-detail", "B assigned", pk(lambda w: fu(w).to_b), scoped("B", kind=API)),
    Case("directive-assign", "GET", pk(lambda w: fu(w).to_b), no_get(kind=API)),
    Case("task-list", "", nothing, signed_in(kind=API)),
    Case("task-overdue", "", nothing, permitted(NATIONAL_STAFF, kind=API)),
    Case("task-detail", "A", pk(lambda w: fu(w).task_a), scoped("A", kind=API)),
    Case("task-detail", "B", pk(lambda w: fu(w).task_b), scoped("B", kind=API)),
    Case("task-detail", "ministry", pk(lambda w: fu(w).task_justice), scoped("justice", kind=API)),
    Case("task-progress", "GET", pk(lambda w: fu(w).task_a), no_get(kind=API)),
    # Activities: recorded by the standing office and focal points within their scope
    Case("activities:activity_list", "", nothing, signed_in()),
    Case("activities:activity_entry", "", nothing, permitted(RECORDS)),
    Case("activities:activity_edit", "A", pk(lambda w: acts(w).a_training), scoped("A", allowed=RECORDS)),
    Case("activities:activity_edit", "B", pk(lambda w: acts(w).b_awareness), scoped("B", allowed=RECORDS)),
    Case("activities:activity_delete", "A", pk(lambda w: acts(w).a_awareness), scoped("A", allowed=RECORDS)),
    Case("activities:import", "", nothing, permitted(RECORDS)),
    Case("activities:import_template", "", nothing, signed_in()),
    Case("activities:import_result", "focal_a's", pk(activities_job_of_a), own("focal_a")),
    Case(
        "activities:import_confirm",
        "GET",
        pk(activities_job_of_a),
        own("focal_a") | {"focal_a": 405, "admin": 405},
    ),
    Case("activities:report_figures", "A", pk(lambda w: rep(w).report_a), scoped("A")),
    Case(
        "activities:report_figure_accept",
        "GET",
        pk(lambda w: rep(w).report_a),
        scoped("A", allowed=WRITES_A, ok=405),
    ),
    Case("activity-list", "", nothing, signed_in(kind=API)),
    Case("activity-detail", "A", pk(lambda w: acts(w).a_training), scoped("A", kind=API)),
    Case("activity-detail", "B", pk(lambda w: acts(w).b_awareness), scoped("B", kind=API)),
    Case("activity-delete", "GET", pk(lambda w: acts(w).a_training), no_get(kind=API)),
    Case("activity-batch", "GET", nothing, no_get(kind=API)),
    Case("activity-import-xlsx", "GET", nothing, no_get(kind=API)),
    Case("audience-group-list", "", nothing, signed_in(kind=API)),
    Case("audience-group-detail", "", lambda w: {"pk": first_audience_group().pk}, signed_in(kind=API)),
    # Documents: kept by a body (A's here); the office and focal points keep them, reviewers read them
    Case("documents:document_list", "", nothing, signed_in()),
    Case("documents:document_upload", "", nothing, permitted(KEEPS)),
    Case("documents:document_bulk", "", nothing, permitted(KEEPS)),
    Case("documents:ingest_result", "focal_a's", pk(ingest_job_of_a), own("focal_a")),
    Case("documents:document_detail", "A", pk(lambda w: docs(w).article_a), scoped("A")),
    Case("documents:document_file", "A", pk(lambda w: docs(w).article_a), scoped("A")),
    Case("documents:document_edit", "A", pk(lambda w: docs(w).article_a), scoped("A", allowed=KEEPS_A)),
    Case("documents:document_delete", "A", pk(lambda w: docs(w).article_a), scoped("A", allowed=KEEPS_A)),
    Case("documents:document_conference", "A", pk(lambda w: docs(w).article_a), scoped("A", allowed=KEEPS_A)),
    Case(
        "documents:document_unlink",
        "GET",
        pk(lambda w: docs(w).report_a),
        scoped("A", allowed=KEEPS_A, ok=405),
    ),
    Case(
        "documents:document_take_statement",
        "GET",
        pk(lambda w: docs(w).report_a),
        scoped("A", ok=405),
    ),
    Case("document-list", "", nothing, signed_in(kind=API)),
    Case("document-detail", "A", pk(lambda w: docs(w).article_a), scoped("A", kind=API)),
    Case("document-bulk", "GET", nothing, no_get(kind=API)),
    Case("document-conference", "GET", pk(lambda w: docs(w).article_a), no_get(kind=API)),
    Case("document-take-statement", "GET", pk(lambda w: docs(w).article_a), no_get(kind=API)),
    # Laws and policies: reference data every signed-in user reads; the standing office keeps the register
    Case("laws:document_list", "", nothing, signed_in()),
    Case("laws:document_create", "", nothing, permitted(ORGANISES)),
    Case(
        "laws:mentions_detect",
        "GET",
        nothing,
        {ANONYMOUS: 302} | {p: 405 if p in ORGANISES else 403 for p in SIGNED_IN},
    ),
    Case("laws:document_detail", "", pk(lambda w: w.legal().decree), signed_in()),
    Case("laws:document_edit", "", pk(lambda w: w.legal().decree), permitted(ORGANISES)),
    Case("laws:document_delete", "", pk(lambda w: w.legal().decree), permitted(ORGANISES)),
    Case("laws:status_set", "GET", pk(lambda w: w.legal().decree), no_get()),
    Case("legal-document-list", "", nothing, signed_in(kind=API)),
    Case("legal-document-detail", "", pk(lambda w: w.legal().decree), signed_in(kind=API)),
    Case("legal-document-status", "GET", pk(lambda w: w.legal().decree), no_get(kind=API)),
    # Proposals: a body's own (its focal point writes them), answered and merged by the standing office
    Case("proposals:proposal_list", "", nothing, signed_in()),
    Case("proposals:proposal_create", "", nothing, permitted(SIGNED_IN_WRITERS)),
    Case("proposals:proposal_from_pack", "GET", pk(pack_of), scoped("national", ok=405)),
    Case("proposals:proposal_detail", "A", pk(lambda w: w.proposals().of_a), scoped("A")),
    Case("proposals:proposal_detail", "B", pk(lambda w: w.proposals().of_b), scoped("B")),
    Case("proposals:proposal_detail", "national", pk(lambda w: w.proposals().national), scoped("national")),
    Case(
        "proposals:proposal_edit",
        "A",
        pk(lambda w: w.proposals().of_a),
        scoped("A", allowed={"admin", "secretariat", "focal_a"}),
    ),
    Case(
        "proposals:proposal_delete",
        "A",
        pk(lambda w: w.proposals().of_a),
        scoped("A", allowed={"admin", "secretariat", "focal_a"}),
    ),
    Case(
        "proposals:proposal_status",
        "GET",
        pk(lambda w: w.proposals().of_a),
        scoped("A", allowed=ORGANISES, ok=405),
    ),
    Case(
        "proposals:proposal_merge",
        "GET",
        pk(lambda w: w.proposals().national),
        scoped("national", allowed=ORGANISES, ok=405),
    ),
    Case(
        "proposals:proposal_unmerge",
        "GET",
        pk(lambda w: w.proposals().of_b),
        scoped("B", allowed=ORGANISES, ok=405),
    ),
    Case("proposal-list", "", nothing, signed_in(kind=API)),
    Case("proposal-detail", "A", pk(lambda w: w.proposals().of_a), scoped("A", kind=API)),
    Case("proposal-detail", "B", pk(lambda w: w.proposals().of_b), scoped("B", kind=API)),
    Case("proposal-set-status", "GET", pk(lambda w: w.proposals().of_a), no_get(kind=API)),
    Case("proposal-merge", "GET", pk(lambda w: w.proposals().national), no_get(kind=API)),
    # The official format's form: whoever sees the report (the POST: reporting/tests/test_official_export.py)
    Case("reporting:report_export_official", "A", pk(lambda w: rep(w).report_a), scoped("A")),
    # Background jobs: personal (their owner and administrators; anyone else "not found")
    Case("core:job_list", "", nothing, signed_in()),
    Case("core:job_detail", "focal_a's", pk(job_of_a), own("focal_a")),
    Case("core:job_progress", "focal_a's", pk(job_of_a), own("focal_a")),
    Case("core:job_download", "focal_a's", pk(job_of_a), own("focal_a")),
    Case("core:job_cancel", "GET", pk(job_of_a), no_get()),
    Case("jobs-list", "", nothing, signed_in(kind=API)),
    Case("jobs-detail", "focal_a's", pk(job_of_a), own("focal_a", kind=API)),
    Case("jobs-result", "focal_a's", pk(job_of_a), own("focal_a", kind=API)),
    # Notifications: personal
    Case("notifications:notification_list", "", nothing, signed_in()),
    Case("notifications:notification_read", "GET", pk(lambda w: rep(w).notification), no_get()),
    Case("notifications:notification_read_all", "GET", nothing, no_get()),
    # API: the schema and its docs are public; everything else needs a signed-in caller
    Case("api-root", "", nothing, signed_in(kind=API)),
    Case("api-schema", "", nothing, everyone(200)),
    Case("api-docs", "", nothing, everyone(200)),
    Case("unit-list", "", nothing, signed_in(kind=API)),
    Case("unit-detail", "", pk(lambda w: w.province_a), signed_in(kind=API)),
    Case("unit-resolve", "", nothing, signed_in(kind=API), query="?q=Da%20Nang"),
    Case("region-list", "", nothing, signed_in(kind=API)),
    Case("region-detail", "", pk(lambda w: w.region), signed_in(kind=API)),
    Case("body-list", "", nothing, signed_in(kind=API)),
    Case("body-detail", "A", pk(lambda w: w.committee_a), scoped("A", kind=API)),
    Case("body-detail", "A's sub-body", pk(lambda w: w.pc_a), scoped("A", kind=API)),
    Case("body-detail", "B", pk(lambda w: w.committee_b), scoped("B", kind=API)),
    Case("body-detail", "ministry", pk(lambda w: w.justice), scoped("justice", kind=API)),
    Case("body-detail", "national", pk(lambda w: w.national), scoped("national", kind=API)),
    Case(
        "body-membership-list", "GET", lambda w: {"body_pk": w.committee_a.pk}, no_get(kind=API)
    ),  # POST only: see test_api_writes
    Case("membership-list", "", nothing, signed_in(kind=API)),
    Case("membership-detail", "A", pk(lambda w: w.seat_a), scoped("A", kind=API)),
    Case("membership-detail", "B", pk(lambda w: w.seat_b), scoped("B", kind=API)),
    Case("membership-detail", "ministry", pk(lambda w: w.seat_justice), scoped("justice", kind=API)),
    Case("membership-detail", "national", pk(lambda w: w.seat_national), scoped("national", kind=API)),
    Case("user-list", "", nothing, signed_in(kind=API)),
    Case("user-me", "", nothing, signed_in(kind=API)),
    Case("user-token", "GET", nothing, no_get(kind=API)),  # POST issues, DELETE revokes: test_logins.py
    Case("user-detail", "focal_a", pk(lambda w: w.users["focal_a"]), scoped("A", kind=API)),
    Case("user-detail", "focal_b", pk(lambda w: w.users["focal_b"]), scoped("B", kind=API)),
    Case("user-detail", "agency", pk(lambda w: w.users["agency"]), scoped("justice", kind=API)),
    Case("audit-list", "", nothing, permitted({"admin", "secretariat"}, kind=API)),
    Case("audit-detail", "", pk(first_audit_entry), permitted({"admin", "secretariat"}, kind=API)),
    # API: reporting
    Case("report-template-list", "", nothing, signed_in(kind=API)),
    Case("report-template-detail", "", pk(lambda w: rep(w).template), signed_in(kind=API)),
    Case("report-template-revise", "GET", pk(lambda w: rep(w).template), no_get(kind=API)),
    Case("cycle-list", "", nothing, signed_in(kind=API)),
    Case("cycle-detail", "", pk(lambda w: rep(w).cycle), signed_in(kind=API)),
    Case("cycle-dashboard", "", pk(lambda w: rep(w).cycle), signed_in(kind=API)),
    Case("cycle-export", "", pk(lambda w: rep(w).cycle), signed_in(kind=API)),
    Case("cycle-open", "GET", pk(lambda w: rep(w).cycle), no_get(kind=API)),
    Case("cycle-close", "GET", pk(lambda w: rep(w).cycle), no_get(kind=API)),
    Case("report-list", "", nothing, signed_in(kind=API)),
    Case("report-detail", "A", pk(lambda w: rep(w).report_a), scoped("A", kind=API)),
    Case("report-detail", "B", pk(lambda w: rep(w).report_b), scoped("B", kind=API)),
    Case("report-export", "A", pk(lambda w: rep(w).report_a), scoped("A", kind=API)),
    Case("report-export", "B", pk(lambda w: rep(w).report_b), scoped("B", kind=API)),
    Case("report-export-official", "GET", pk(lambda w: rep(w).report_a), no_get(kind=API)),  # a POST
    Case("report-revisions", "A", pk(lambda w: rep(w).report_a), scoped("A", kind=API)),
    Case(
        "report-revision",
        "A",
        lambda w: {"pk": rep(w).report_a.pk, "number": 1},
        scoped("A", kind=API),
    ),
    Case("report-diff", "A", pk(lambda w: rep(w).report_a), scoped("A", kind=API), query="?from=1&to=1"),
    Case("report-content", "GET", pk(lambda w: rep(w).report_a), no_get(kind=API)),
    Case("report-submit", "GET", pk(lambda w: rep(w).report_a), no_get(kind=API)),
    Case("report-submit-check", "A", pk(lambda w: rep(w).report_a), scoped("A", kind=API)),
    Case("report-return-", "GET", pk(lambda w: rep(w).report_a), no_get(kind=API)),
    Case("report-accept", "GET", pk(lambda w: rep(w).report_a), no_get(kind=API)),
    Case("report-import-docx", "GET", pk(lambda w: rep(w).report_a), no_get(kind=API)),
    # Recommendations: kept by a body (the national committee, or a province); imported by the office
    Case("recommendations:recommendation_list", "", nothing, signed_in()),
    Case("recommendations:recommendation_detail", "national", pk(lambda w: recs(w).upr), scoped("national")),
    Case("recommendations:recommendation_detail", "A", pk(lambda w: recs(w).province), scoped("A")),
    Case("recommendations:import", "", nothing, permitted(ORGANISES)),
    Case(
        "recommendations:import_preview",
        "secretariat's",
        pk(dry_run_of_secretariat),
        # Someone else's upload is out of scope before it is a matter of permission: 404, not 403.
        {ANONYMOUS: 302, "admin": 200, "secretariat": 200}
        | {p: 404 for p in SIGNED_IN if p not in ORGANISES},
    ),
    # … assigned by the keeper (the office), updated by the lead body's focal point (or the office)
    Case(
        "recommendations:recommendation_assign",
        "national",
        pk(lambda w: recs(w).upr),
        scoped("national", allowed=ORGANISES),
    ),
    Case(
        "recommendations:recommendation_assign",
        "A",
        pk(lambda w: recs(w).province),
        scoped("A", allowed=ORGANISES),
    ),
    Case(
        "recommendations:measure_create",
        "national",
        pk(lambda w: recs(w).upr),
        scoped("national", allowed=ORGANISES),
    ),
    Case(
        "recommendations:measure_create",
        "justice",
        pk(lambda w: justice_measure(w).recommendation),
        scoped("justice", allowed=ORGANISES | {"agency"}),
    ),
    Case(
        "recommendations:assessment_create",
        "national",
        pk(lambda w: recs(w).upr),
        scoped("national", allowed=ORGANISES),
    ),
    Case(
        "recommendations:assessment_create",
        "justice",
        pk(lambda w: justice_measure(w).recommendation),
        scoped("justice", allowed=ORGANISES | {"agency"}),
    ),
    Case(
        "recommendations:measure_edit",
        "justice",
        pk(justice_measure),
        scoped("justice", allowed=ORGANISES | {"agency"}),
    ),
    Case(
        "recommendations:measure_delete",
        "justice",
        pk(justice_measure),
        scoped("justice", allowed=ORGANISES | {"agency"}),
    ),
    Case(
        "recommendations:assessment_edit",
        "justice",
        pk(lambda w: justice_measure(w).recommendation.assessments.order_by("pk").first()),
        scoped("justice", allowed=ORGANISES | {"agency"}),
    ),
    Case(
        "recommendations:assessment_delete",
        "justice",
        pk(lambda w: justice_measure(w).recommendation.assessments.order_by("pk").first()),
        scoped("justice", allowed=ORGANISES | {"agency"}),
    ),
    Case(
        "recommendations:assessment_file",
        "justice",
        pk(justice_assessment_with_file),
        scoped("justice"),
    ),
    Case(
        "recommendations:cluster_assign",
        "",
        pk(lambda w: justice_measure(w).recommendation.clusters.get()),
        permitted(ORGANISES),
    ),
    Case(
        "recommendations:import_columns",
        "secretariat's",
        pk(dry_run_of_secretariat),
        {ANONYMOUS: 302, "admin": 200, "secretariat": 200}
        | {p: 404 for p in SIGNED_IN if p not in ORGANISES},
    ),
    Case("recommendations:taxonomy", "", nothing, signed_in()),
    Case("recommendations:theme_edit", "", pk(lambda w: recs(w).education), permitted(ORGANISES)),
    Case("recommendations:persons_edit", "", pk(lambda w: recs(w).children), permitted(ORGANISES)),
    Case("recommendation-list", "", nothing, signed_in(kind=API)),
    Case("recommendation-detail", "national", pk(lambda w: recs(w).upr), scoped("national", kind=API)),
    Case("recommendation-detail", "A", pk(lambda w: recs(w).province), scoped("A", kind=API)),
    Case("recommendation-import-file", "GET", nothing, no_get(kind=API)),
    Case(
        "recommendations:recommendation_publish",
        "national",
        pk(lambda w: recs(w).upr),
        scoped("national", allowed=ORGANISES, ok=405),
    ),
    Case(
        "recommendations:recommendation_unpublish",
        "A",
        pk(lambda w: recs(w).province),
        scoped("A", allowed={"admin", "secretariat"}, ok=405),
    ),
    Case(
        "recommendations:assessment_publish",
        "national",
        pk(assessment_of_upr),
        scoped("national", allowed=ORGANISES, ok=405),
    ),
    Case(
        "recommendations:assessment_unpublish",
        "national",
        pk(assessment_of_upr),
        scoped("national", allowed=ORGANISES, ok=405),
    ),
    Case("recommendation-publish", "GET", pk(lambda w: recs(w).upr), no_get(kind=API)),
    Case("recommendations:clusters", "", nothing, signed_in()),
    Case("recommendations:clusters", "by cluster", nothing, signed_in(), query="?by=cluster&mechanism=UPR"),
    Case("recommendations:report", "GET", nothing, no_get()),
    Case("recommendation-report", "GET", nothing, no_get(kind=API)),
    # The public portal: the same answer for everyone, signed in or not; what is not published is not found.
    Case("portal:home", "", nothing, everyone(302), login_redirect=False),
    Case("portal:language", "", nothing, everyone(302), login_redirect=False),
    Case("portal:recommendation_list", "", nothing, everyone()),
    Case("portal:recommendation_list", "searched", nothing, everyone(), query="?q=bao+luc&mechanism=CEDAW"),
    Case("portal:recommendation_export_csv", "", nothing, everyone()),
    Case("portal:recommendation_export_json", "", nothing, everyone()),
    Case("portal:recommendation_detail", "published", pk(lambda w: recs(w).cedaw), everyone()),
    Case("portal:recommendation_detail", "not published", pk(lambda w: recs(w).upr), everyone(404)),
    Case(
        "portal:recommendation_by_external_id",
        "published",
        lambda w: {"external_id": recs(w).cedaw.external_id},
        everyone(),
    ),
    Case("recommendation-assign", "GET", pk(lambda w: recs(w).upr), no_get(kind=API)),
    Case("recommendation-measures", "GET", pk(lambda w: recs(w).upr), no_get(kind=API)),
    Case("recommendation-assessments", "GET", pk(lambda w: recs(w).upr), no_get(kind=API)),
    Case("recommendation-measure-list", "", nothing, signed_in(kind=API)),
    Case("recommendation-measure-detail", "justice", pk(justice_measure), scoped("justice", kind=API)),
    Case("recommendation-assessment-list", "", nothing, signed_in(kind=API)),
    Case(
        "recommendation-assessment-detail",
        "justice",
        pk(lambda w: justice_measure(w).recommendation.assessments.get()),
        scoped("justice", kind=API),
    ),
    Case("recommendation-cluster-list", "", nothing, signed_in(kind=API)),
    Case(
        "recommendation-cluster-detail",
        "",
        pk(lambda w: justice_measure(w).recommendation.clusters.get()),
        signed_in(kind=API),
    ),
    Case(
        "recommendation-cluster-assign",
        "GET",
        pk(lambda w: justice_measure(w).recommendation.clusters.get()),
        no_get(kind=API),
    ),
    Case("recommendation-theme-list", "", nothing, signed_in(kind=API)),
    Case("recommendation-theme-detail", "", pk(lambda w: recs(w).education), signed_in(kind=API)),
    Case("affected-persons-list", "", nothing, signed_in(kind=API)),
    Case("affected-persons-detail", "", pk(lambda w: recs(w).children), signed_in(kind=API)),
    Case("sdg-goal-list", "", nothing, signed_in(kind=API)),
    Case("sdg-goal-detail", "", lambda w: {"pk": 1}, signed_in(kind=API)),
    # Tagging: taxonomies are reference data; a suggestion is decided by whoever may change its text's record
    # (A's report: its writer and the reviewers; a national recommendation: its keeper, the standing office)
    Case("tagging:taxonomy_list", "", nothing, signed_in()),
    Case("tagging:taxonomy_detail", "", lambda w: {"key": "uhri-theme"}, signed_in()),
    Case("tagging:taxonomy_detail", "unknown", lambda w: {"key": "nothing"}, signed_in(404)),
    Case("tagging:tagged_list", "", nothing, signed_in()),
    Case(
        "tagging:retrain",
        "",
        lambda w: {"key": "sdg-goal"},
        {ANONYMOUS: 302} | {p: 405 if p in ORGANISES else 403 for p in SIGNED_IN},
    ),
    Case(
        "tagging:tag_untagged",
        "",
        lambda w: {"key": "sdg-goal"},
        {ANONYMOUS: 302} | {p: 405 if p in ORGANISES else 403 for p in SIGNED_IN},
    ),
    Case(
        "tagging:recommendation_suggest",
        "national",
        pk(lambda w: recs(w).upr),
        scoped("national", allowed=ORGANISES, ok=405),
    ),
    Case("tagging:report_suggest", "A", pk(lambda w: rep(w).report_a), scoped("A", ok=405)),
    Case(
        "tagging:conference_suggest",
        "A took part",
        pk(lambda w: conf(w).with_a),
        scoped("A", allowed=ORGANISES, ok=405),
    ),
    Case(
        "tagging:document_suggest", "A", pk(lambda w: docs(w).article_a), scoped("A", allowed=KEEPS_A, ok=405)
    ),
    Case("tagging:suggestion_accept", "A", pk(tag_suggestion_of_a), scoped("A", ok=405)),
    Case("tagging:suggestion_reject", "A", pk(tag_suggestion_of_a), scoped("A", ok=405)),
    Case("tag-suggestion-list", "", nothing, signed_in(kind=API)),
    Case("tag-suggestion-detail", "A", pk(tag_suggestion_of_a), scoped("A", kind=API)),
    Case("tag-suggestion-accept", "GET", pk(tag_suggestion_of_a), no_get(kind=API)),
    Case("tag-suggestion-reject", "GET", pk(tag_suggestion_of_a), no_get(kind=API)),
    Case("tag-suggestion-suggest", "GET", nothing, no_get(kind=API)),
    Case("tagger-version-list", "", nothing, signed_in(kind=API)),
    Case("tagger-version-detail", "", pk(tagger_version), signed_in(kind=API)),
    Case("tagger-version-retrain", "GET", nothing, no_get(kind=API)),
    # API: packs (a model-level permission first: whoever may not read packs gets 403)
    Case("pack-list", "", nothing, permitted(NATIONAL_STAFF, kind=API)),
    Case("pack-detail", "", pk(pack_of), permitted(NATIONAL_STAFF, kind=API)),
    Case(
        "pack-build",
        "GET",
        pk(pack_of),
        {ANONYMOUS: 403} | {p: 405 if p in NATIONAL_STAFF else 403 for p in SIGNED_IN},
    ),
]
CASES_BY_ID = {case.id: case for case in CASES}
assert len(CASES_BY_ID) == len(CASES), "two cases share a route and a label"


def _routes(patterns: list[Any], namespace: str = "") -> tuple[set[str], list[str]]:
    """Every named route under ``patterns`` (namespaced), and the patterns that have no name."""
    names: set[str] = set()
    unnamed: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the Django admin site's own routes: see test_admin_site_*
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            more_names, more_unnamed = _routes(pattern.url_patterns, inner)
            names |= more_names
            unnamed += [f"{pattern.pattern}{u}" for u in more_unnamed]
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                unnamed.append(str(pattern.pattern))
    return names, unnamed


def test_every_route_is_in_the_matrix() -> None:
    names, unnamed = _routes(get_resolver().url_patterns)
    assert not unnamed, f"name these routes so the persona matrix can cover them: {unnamed}"
    covered = {case.route for case in CASES}
    missing = sorted(names - covered)
    assert not missing, f"add these routes to CASES in tests/test_route_matrix.py: {missing}"
    stale = sorted(covered - names)
    assert not stale, f"these routes are gone; remove them from CASES: {stale}"


def test_the_portal_is_the_only_anonymous_content() -> None:
    """What someone not signed in may read: the sign-in page, the API's description, and the public portal
    (docs/security.md, "The anonymous surface"). A new public page must be added here knowingly."""
    public = sorted({case.route for case in CASES if case.expect[ANONYMOUS] == 200})
    portal = [route for route in public if route.startswith("portal:")]
    assert [route for route in public if route not in portal] == ["api-docs", "api-schema", "login"]
    assert portal == [
        "portal:recommendation_by_external_id",
        "portal:recommendation_detail",
        "portal:recommendation_export_csv",
        "portal:recommendation_export_json",
        "portal:recommendation_list",
    ]


def test_every_case_names_every_persona() -> None:
    incomplete = [case.id for case in CASES if set(case.expect) != set(PERSONAS)]
    assert not incomplete


@pytest.mark.usefixtures(
    "documents", "legal", "followup", "recommendations", "activities"
)  # built once, as the world is: tests/layers.py
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case_id", list(CASES_BY_ID))
def test_route_answers_each_persona(case_id: str, persona: str, world: World, client_for: Any) -> None:
    case = CASES_BY_ID[case_id]
    url = reverse(case.route, kwargs=case.args(world)) + case.query
    response = client_for(persona).get(url)
    expected = case.expect[persona]
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == 302 and persona == ANONYMOUS and case.login_redirect:
        assert response["Location"].startswith(reverse("login") + "?next=")


# Out-of-scope objects are not even named: the 404 page says nothing about them -------------------------


CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")  # masked per response


@pytest.mark.parametrize(
    ("route", "get"),
    [
        ("bodies:body_detail", lambda w: w.committee_b),
        ("bodies:body_edit", lambda w: w.committee_b),
        ("bodies:membership_create", lambda w: w.committee_b),
        ("accounts:user_detail", lambda w: w.users["focal_b"]),
    ],
)
def test_out_of_scope_404_reveals_nothing(route: str, get: Any, world: World, client_for: Any) -> None:
    obj = get(world)
    out_of_scope = client_for("focal_a").get(reverse(route, args=[obj.pk]))
    missing = client_for("focal_a").get(reverse(route, args=[10**6]))
    assert out_of_scope.status_code == missing.status_code == 404
    text = CSRF_TOKEN.sub("", out_of_scope.content.decode())
    assert str(obj) not in text and "Cần Thơ" not in text
    assert text == CSRF_TOKEN.sub("", missing.content.decode()).replace(str(10**6), str(obj.pk))


def test_api_out_of_scope_is_answered_like_a_missing_object(world: World, api_for: Any) -> None:
    client = api_for("focal_a")
    out_of_scope = client.get(f"/api/bodies/{world.committee_b.pk}/")
    missing = client.get(f"/api/bodies/{10**6}/")
    assert out_of_scope.status_code == missing.status_code == 404
    assert out_of_scope.json() == missing.json()


# Writes: each persona POSTs a valid form or payload; the change happens exactly when it is allowed ------


def body_form(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "code": "new-body",
        "name": "Sở Tư pháp Đà Nẵng",
        "kind": "department",
        "level": "provincial",
        "parent": world.committee_a.pk,
        "unit": world.province_a.pk,
    } | changes


def user_form(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "username": "new.user",
        "last_name": "Hoàng",
        "first_name": "Minh",
        "email": "new.user@example.org",
        "body": world.committee_a.pk,
        "role": "provincial_focal_point",
        "preferred_language": "vi",
        "is_active": "on",
        "password": "a-long-test-password-2026",
    } | changes


@dataclass(frozen=True)
class Write:
    """A request that changes something (or, for an export, hands over a file): who may make it, and how to
    see that it took effect. ``encoding``: "form" (HTML forms, multipart when a file is in the data),
    "json" (the editor's autosave; the API always speaks JSON unless "multipart"). ``before``: an earlier
    step of the same persona with the same client (a Word import's upload before its confirmation).
    A write answered 202 started a background job, run here as after the request's commit."""

    label: str
    method: str
    url: Callable[[World], str]
    data: Callable[[World], dict[str, Any]]
    expect: Expect
    happened: Callable[[World], bool]
    encoding: str = "form"
    before: Callable[[Any, World], Any] | None = None


def redirect(expect: Expect) -> Expect:
    """HTML forms answer a successful POST with a redirect."""
    return {p: 302 if (s == 200 and p != ANONYMOUS) else s for p, s in expect.items()}


def created(expect: Expect) -> Expect:
    return {p: 201 if (s == 200 and p != ANONYMOUS) else s for p, s in expect.items()}


def seat_count(body: Callable[[World], Body]) -> Callable[[World], bool]:
    return lambda w: Membership.objects.filter(body=body(w)).count() > 1


WRITES = [
    Write(
        "form: new body under A",
        "post",
        lambda w: reverse("bodies:body_create"),
        body_form,
        redirect(permitted(RUNS_BODIES)),
        lambda w: Body.objects.filter(code="new-body").exists(),
    ),
    Write(
        "form: rename A",
        "post",
        lambda w: reverse("bodies:body_edit", args=[w.committee_a.pk]),
        lambda w: body_form(
            w, code="committee-a", name="Tên mới", kind="provincial_committee", parent=w.national.pk
        ),
        redirect(scoped("A", allowed=RUNS_BODIES)),
        lambda w: Body.objects.get(pk=w.committee_a.pk).name == "Tên mới",
    ),
    Write(
        "form: seat in A",
        "post",
        lambda w: reverse("bodies:membership_create", args=[w.committee_a.pk]),
        lambda w: {"position": "member", "person_name": "Đỗ Văn Em", "start_on": "2025-08-01"},
        redirect(scoped("A", allowed=RUNS_BODIES | {"focal_a"})),
        seat_count(lambda w: w.committee_a),
    ),
    Write(
        "form: end seat in B",
        "post",
        lambda w: reverse("bodies:membership_end", args=[w.seat_b.pk]),
        lambda w: {"end_on": "2025-12-31"},
        redirect(scoped("B", allowed=RUNS_BODIES | {"focal_b"})),
        lambda w: Membership.objects.get(pk=w.seat_b.pk).end_on is not None,
    ),
    Write(
        "form: new user",
        "post",
        lambda w: reverse("accounts:user_create"),
        user_form,
        redirect(permitted({"admin"})),
        lambda w: w.users["admin"].__class__.objects.filter(username="new.user").exists(),
    ),
    Write(
        "form: edit focal_b",
        "post",
        lambda w: reverse("accounts:user_edit", args=[w.users["focal_b"].pk]),
        lambda w: user_form(w, username="focal_b", body=w.committee_b.pk, first_name="Đổi", password=""),
        redirect(scoped("B", allowed={"admin"})),
        lambda w: w.users["admin"].__class__.objects.get(username="focal_b").first_name == "Đổi",
    ),
    Write(
        "api: new body under A",
        "post",
        lambda w: "/api/bodies/",
        body_form,
        # Permission before validation: a role that adds no bodies gets 403 whatever the payload names.
        created({ANONYMOUS: 403} | {p: 200 if p in RUNS_BODIES else 403 for p in SIGNED_IN}),
        lambda w: Body.objects.filter(code="new-body").exists(),
    ),
    Write(
        "api: rename A",
        "patch",
        lambda w: f"/api/bodies/{w.committee_a.pk}/",
        lambda w: {"name": "Tên mới"},
        scoped("A", allowed=RUNS_BODIES, kind=API),
        lambda w: Body.objects.get(pk=w.committee_a.pk).name == "Tên mới",
    ),
    Write(
        "api: seat in A",
        "post",
        lambda w: f"/api/bodies/{w.committee_a.pk}/memberships/",
        lambda w: {"position": "member", "person_name": "Đỗ Văn Em", "start_on": "2025-08-01"},
        created(scoped("A", allowed=RUNS_BODIES | {"focal_a"}, kind=API)),
        seat_count(lambda w: w.committee_a),
    ),
    Write(
        "api: retitle seat in B",
        "patch",
        lambda w: f"/api/memberships/{w.seat_b.pk}/",
        lambda w: {"title": "Trưởng ban"},
        scoped("B", allowed=RUNS_BODIES | {"focal_b"}, kind=API),
        lambda w: Membership.objects.get(pk=w.seat_b.pk).title == "Trưởng ban",
    ),
    Write(
        "api: new user",
        "post",
        lambda w: "/api/users/",
        lambda w: {k: v for k, v in user_form(w).items() if k != "is_active"},
        created(permitted({"admin"}, kind=API)),
        lambda w: w.users["admin"].__class__.objects.filter(username="new.user").exists(),
    ),
    Write(
        "api: edit focal_b",
        "patch",
        lambda w: f"/api/users/{w.users['focal_b'].pk}/",
        lambda w: {"first_name": "Đổi"},
        scoped("B", allowed={"admin"}, kind=API),
        lambda w: w.users["admin"].__class__.objects.get(username="focal_b").first_name == "Đổi",
    ),
    Write(
        "api: delete body A",
        "delete",
        lambda w: f"/api/bodies/{w.committee_a.pk}/",
        lambda w: {},
        signed_in(405, kind=API),  # bodies are dissolved, not deleted, over the API
        lambda w: not Body.objects.filter(pk=w.committee_a.pk).exists(),
    ),
]


# Reporting: the writes of the workflow, on the reporting objects of ``world.reporting()`` (A's draft with
# one attachment, B's submitted report, an open cycle for both).


def report_a(world: World) -> Report:
    return Report.objects.get(pk=world.reporting().report_a.pk)


def report_b(world: World) -> Report:
    return Report.objects.get(pk=world.reporting().report_b.pk)


def status_of(get: Callable[[World], Report], status: str) -> Callable[[World], bool]:
    return lambda w: get(w).status == status


def text_of(world: World, key: str) -> str:
    return ReportSection.objects.get(report=report_a(world), section__key=key).html


def cycle_status(world: World) -> str:
    return ReportingCycle.objects.get(pk=world.reporting().cycle.pk).status


def planned_cycle(world: World) -> ReportingCycle:
    """A cycle for A, planned and not yet open (made on first use in a test)."""
    found = ReportingCycle.objects.filter(name_en="Second half of 2025").first()
    if found is None:
        found = cycle_create(
            actor=world.users["secretariat"],
            name="Báo cáo 6 tháng cuối năm 2025",
            name_en="Second half of 2025",
            period_start=datetime.date(2025, 7, 1),
            period_end=datetime.date(2025, 12, 31),
            deadline=datetime.date(2026, 1, 15),
            template=world.reporting().template,
            participants=[world.committee_a],
        )
    return found


def word_file() -> SimpleUploadedFile:
    document = docx.Document()
    document.add_heading("I. Tình hình chung", level=1)
    document.add_paragraph("Nhập từ tệp Word.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        "Báo cáo.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def pdf_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("Phụ lục 2.pdf", MINIMAL_PDF, content_type="application/pdf")


def upload_word(client: Any, world: World) -> None:
    """The import's first steps: upload (reading the file is a job, run here as after a commit), then the
    preview takes the finished job's plan into the session."""
    report = report_a(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("reporting:report_import", args=[report.pk]), {"file": word_file()})
    job = Job.objects.filter(kind=IMPORT_DOCX, params__report=report.pk).order_by("-pk").first()
    if job is not None:
        client.get(reverse("reporting:report_import_preview", args=[report.pk]), {"job": job.pk})


def is_file(signature: bytes) -> Callable[[Any], bool]:
    def delivered(response: Any) -> bool:
        if response.status_code != 200:
            return False
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return bool(body.startswith(signature))

    return delivered


SAVED_TEXT = "<p>Lưu tự động.</p>"
ZIP, PDF = b"PK", b"%PDF"

REPORTING_WRITES = [
    Write(
        "form: submit A",
        "post",
        lambda w: reverse("reporting:report_submit", args=[report_a(w).pk]),
        lambda w: {"expected_version": report_a(w).version, "confirm": "1"},
        redirect(scoped("A", allowed=WRITES_A)),
        status_of(report_a, ReportStatus.SUBMITTED),
    ),
    Write(
        "form: return B",
        "post",
        lambda w: reverse("reporting:report_return", args=[report_b(w).pk]),
        lambda w: {"general": "Cần bổ sung số liệu."},
        redirect(scoped("B", allowed=REVIEWS)),
        status_of(report_b, ReportStatus.RETURNED),
    ),
    Write(
        "form: accept B",
        "post",
        lambda w: reverse("reporting:report_accept", args=[report_b(w).pk]),
        lambda w: {},
        redirect(scoped("B", allowed=REVIEWS)),
        status_of(report_b, ReportStatus.ACCEPTED),
    ),
    Write(
        "form: open a planned cycle",
        "post",
        lambda w: reverse("reporting:cycle_open", args=[planned_cycle(w).pk]),
        lambda w: {},
        redirect(permitted(RUNS_BODIES)),
        lambda w: planned_cycle(w).status == CycleStatus.OPEN,
    ),
    Write(
        "form: close the cycle",
        "post",
        lambda w: reverse("reporting:cycle_close", args=[w.reporting().cycle.pk]),
        lambda w: {},
        redirect(permitted(RUNS_BODIES)),
        lambda w: cycle_status(w) == CycleStatus.CLOSED,
    ),
    Write(
        "editor: autosave A",
        "post",
        lambda w: reverse("reporting:report_autosave", args=[report_a(w).pk]),
        lambda w: {"version": report_a(w).version, "sections": {"situation": SAVED_TEXT}},
        scoped("A", allowed=WRITES_A),
        lambda w: text_of(w, "situation") == SAVED_TEXT,
        encoding="json",
    ),
    Write(
        "form: attach to A",
        "post",
        lambda w: reverse("reporting:report_attachment_add", args=[report_a(w).pk]),
        lambda w: {"file": pdf_file()},
        redirect(scoped("A", allowed=WRITES_A)),
        lambda w: Attachment.objects.filter(report=report_a(w)).count() == 2,
    ),
    Write(
        "form: delete A's attachment",
        "post",
        lambda w: reverse(
            "reporting:report_attachment_delete", args=[report_a(w).pk, w.reporting().attachment.pk]
        ),
        lambda w: {},
        redirect(scoped("A", allowed=WRITES_A)),
        lambda w: not Attachment.objects.filter(pk=w.reporting().attachment.pk).exists(),
    ),
    Write(
        "form: import Word into A (upload, then confirm)",
        "post",
        lambda w: reverse("reporting:report_import_preview", args=[report_a(w).pk]),
        lambda w: {"action": "confirm"},
        redirect(scoped("A", allowed=WRITES_A)),
        lambda w: "Nhập từ tệp Word." in text_of(w, "situation"),
        before=upload_word,
    ),
    Write(
        "api: submit A",
        "post",
        lambda w: f"/api/reports/{report_a(w).pk}/submit/",
        lambda w: {"expected_version": report_a(w).version, "confirm": True},
        scoped("A", allowed=WRITES_A, kind=API),
        status_of(report_a, ReportStatus.SUBMITTED),
    ),
    Write(
        "api: return B",
        "post",
        lambda w: f"/api/reports/{report_b(w).pk}/return/",
        lambda w: {"comments": [{"section": None, "text": "Cần bổ sung số liệu."}]},
        scoped("B", allowed=REVIEWS, kind=API),
        status_of(report_b, ReportStatus.RETURNED),
    ),
    Write(
        "api: accept B",
        "post",
        lambda w: f"/api/reports/{report_b(w).pk}/accept/",
        lambda w: {},
        scoped("B", allowed=REVIEWS, kind=API),
        status_of(report_b, ReportStatus.ACCEPTED),
    ),
    Write(
        "api: save A's content",
        "patch",
        lambda w: f"/api/reports/{report_a(w).pk}/content/",
        lambda w: {
            "expected_version": report_a(w).version,
            "sections": {"situation": SAVED_TEXT},
            "figures": {},
        },
        scoped("A", allowed=WRITES_A, kind=API),
        lambda w: text_of(w, "situation") == SAVED_TEXT,
    ),
    Write(
        "api: import Word into A",
        "post",
        lambda w: f"/api/reports/{report_a(w).pk}/import-docx/",
        lambda w: {"file": word_file(), "apply": "true", "expected_version": report_a(w).version},
        scoped("A", allowed=WRITES_A, kind=API, ok=202),
        lambda w: "Nhập từ tệp Word." in text_of(w, "situation"),
        encoding="multipart",
    ),
    Write(
        "api: open a planned cycle",
        "post",
        lambda w: f"/api/cycles/{planned_cycle(w).pk}/open/",
        lambda w: {},
        permitted(RUNS_BODIES, kind=API),
        lambda w: planned_cycle(w).status == CycleStatus.OPEN,
    ),
    Write(
        "api: close the cycle",
        "post",
        lambda w: f"/api/cycles/{w.reporting().cycle.pk}/close/",
        lambda w: {},
        permitted(RUNS_BODIES, kind=API),
        lambda w: cycle_status(w) == CycleStatus.CLOSED,
    ),
]
WRITES += REPORTING_WRITES


def proposal_status(world: World) -> str:
    world.proposals().of_a.refresh_from_db()
    return str(world.proposals().of_a.status)


def proposal_topic_exists(topic: str) -> Callable[[World], bool]:
    from rightstrack.proposals.models import Proposal

    return lambda w: Proposal.objects.filter(topic=topic).exists()


WRITES += [
    Write(
        "form: answer A's proposal",
        "post",
        lambda w: reverse("proposals:proposal_status", args=[w.proposals().of_a.pk]),
        lambda w: {"status": "considering", "response": "Đang xem xét"},
        redirect(scoped("A", allowed=ORGANISES)),
        lambda w: proposal_status(w) == "considering",
    ),
    Write(
        "api: a proposal of B",
        "post",
        lambda w: "/api/proposals/",
        lambda w: {
            "body": w.committee_b.pk,
            "kind": "other",
            "topic": "Đề xuất mới của B",
            "text": "Nội dung",
            "authority": "Chính phủ",
        },
        {ANONYMOUS: 403, "reviewer": 403, "focal_a": 400, "agency": 400}
        | dict.fromkeys(["admin", "secretariat", "focal_b"], 201),
        proposal_topic_exists("Đề xuất mới của B"),
    ),
]


def conference_form(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "training",
        "title": "Tập huấn mới",
        "date": "2025-10-01",
        "organiser": world.office.pk,
        "participants_mode": "list",
        "participants": [world.committee_a.pk],
    } | changes


def conference_titled(title: str) -> Callable[[World], bool]:
    from rightstrack.conferences.models import Conference

    return lambda w: Conference.objects.filter(title=title).exists()


WRITES += [
    Write(
        "form: new conference",
        "post",
        lambda w: reverse("conferences:conference_create"),
        conference_form,
        redirect(permitted(ORGANISES)),
        conference_titled("Tập huấn mới"),
    ),
    Write(
        "form: edit the conference A took part in",
        "post",
        lambda w: reverse("conferences:conference_edit", args=[conf(w).with_a.pk]),
        lambda w: conference_form(w, title="Tên hội nghị mới"),
        redirect(scoped("A", allowed=ORGANISES)),
        conference_titled("Tên hội nghị mới"),
    ),
    Write(
        "api: new conference",
        "post",
        lambda w: "/api/conferences/",
        lambda w: {
            "kind": "training",
            "title": "Tập huấn mới",
            "date": "2025-10-01",
            "organiser": w.office.pk,
            "participants": [w.committee_a.pk],
        },
        created({ANONYMOUS: 403} | {p: 200 if p in ORGANISES else 403 for p in SIGNED_IN}),
        conference_titled("Tập huấn mới"),
    ),
    Write(
        "api: article on the conference B took part in",
        "post",
        lambda w: f"/api/conferences/{conf(w).with_b.pk}/media-links/",
        lambda w: {"url": "https://example.org/bai-viet", "title": "Bài viết mới", "language": "vi"},
        created(scoped("B", allowed=ORGANISES, kind=API)),
        lambda w: conf(w).with_b.media_links.filter(title="Bài viết mới").exists(),
    ),
]
WRITES += [
    Write(
        "form: activities of A in the list form",
        "post",
        lambda w: reverse("activities:activity_entry"),
        lambda w: {
            "body": w.committee_a.pk,
            "rows-TOTAL_FORMS": "2",
            "rows-INITIAL_FORMS": "0",
            "rows-0-date": "01/06/2025",
            "rows-0-kind": "training",
            "rows-0-topic": "Tập huấn mới",
            "rows-0-participants": "20",
            "rows-0-officials_trained": "20",
        },
        # Out of scope: 404 (the body is looked up first); in scope without the role: 403.
        redirect(scoped("A", allowed=RECORDS)),
        activity_topic("Tập huấn mới"),
    ),
    Write(
        "api: activity of B",
        "post",
        lambda w: "/api/activities/",
        lambda w: {"body": w.committee_b.pk, "date": "2025-06-01", "kind": "awareness", "topic": "Mới B"},
        # Permission before the payload: a role that records nothing gets 403; a body out of scope is a
        # payload error (400), named like a missing id.
        created(
            {ANONYMOUS: 403}
            | {p: (200 if p in SEES["B"] else 400) if p in RECORDS else 403 for p in SIGNED_IN}
        ),
        activity_topic("Mới B"),
    ),
    Write(
        "api: change A's training",
        "patch",
        lambda w: f"/api/activities/{acts(w).a_training.pk}/",
        lambda w: {"topic": "Đổi tên"},
        scoped("A", allowed=RECORDS, kind=API),
        activity_topic("Đổi tên"),
    ),
    Write(
        "form: accept a tag of A's section",
        "post",
        lambda w: reverse("tagging:suggestion_accept", args=[tag_suggestion_of_a(w).pk]),
        lambda w: {},
        redirect(scoped("A")),  # its writer and the reviewers; B's focal point and the agency do not see it
        lambda w: tag_suggestion_of_a(w).state == "accepted",
    ),
    Write(
        "api: reject a tag of A's section",
        "post",
        lambda w: f"/api/tag-suggestions/{tag_suggestion_of_a(w).pk}/reject/",
        lambda w: {},
        scoped("A", kind=API),
        lambda w: tag_suggestion_of_a(w).state == "rejected",
    ),
]
WRITES += [
    Write(
        "form: assign the national UPR recommendation",
        "post",
        lambda w: reverse("recommendations:recommendation_assign", args=[recs(w).upr.pk]),
        lambda w: {"lead": w.justice.pk, "supporting": [w.committee_a.pk]},
        redirect(scoped("national", allowed=ORGANISES)),
        lambda w: recs(w).upr.assignments.exists(),
    ),
    Write(
        "form: measure of the ministry's recommendation",
        "post",
        lambda w: reverse("recommendations:measure_create", args=[justice_measure(w).recommendation_id]),
        lambda w: {"what": "Biện pháp mới"},
        redirect(scoped("justice", allowed=ORGANISES | {"agency"})),
        lambda w: Measure.objects.filter(what="Biện pháp mới").exists(),
    ),
    Write(
        "api: assessment of the ministry's recommendation",
        "post",
        lambda w: f"/api/recommendations/{justice_measure(w).recommendation_id}/assessments/",
        lambda w: {"status": "implemented", "assessed_on": "2026-02-01"},
        created(scoped("justice", allowed=ORGANISES | {"agency"}, kind=API)),
        lambda w: Assessment.objects.filter(status="implemented").exists(),
    ),
    Write(
        "api: change the ministry's measure",
        "patch",
        lambda w: f"/api/recommendation-measures/{justice_measure(w).pk}/",
        lambda w: {"budget_note": "ODA"},
        scoped("justice", allowed=ORGANISES | {"agency"}, kind=API),
        lambda w: Measure.objects.filter(budget_note="ODA").exists(),
    ),
    Write(
        "api: change the ministry's assessment",
        "patch",
        lambda w: (
            f"/api/recommendation-assessments/"
            f"{justice_measure(w).recommendation.assessments.order_by('pk').first().pk}/"
        ),
        lambda w: {"note": "Đã sửa đánh giá"},
        scoped("justice", allowed=ORGANISES | {"agency"}, kind=API),
        lambda w: Assessment.objects.filter(note="Đã sửa đánh giá").exists(),
    ),
    Write(
        "api: assign a cluster",
        "post",
        lambda w: (
            f"/api/recommendation-clusters/{justice_measure(w).recommendation.clusters.get().pk}/assign/"
        ),
        lambda w: {"lead": w.foreign.pk},
        permitted(ORGANISES, kind=API),
        lambda w: Assignment.objects.filter(body=w.foreign, role="lead").exists(),
    ),
]


def published(get: Callable[[World], Any]) -> Callable[[World], bool]:
    from rightstrack.recommendations.models import Recommendation

    return lambda w: Recommendation.objects.get(pk=get(w).pk).is_published


WRITES += [
    Write(
        "form: publish the national committee's recommendation",
        "post",
        lambda w: reverse("recommendations:recommendation_publish", args=[recs(w).upr.pk]),
        lambda w: {},
        redirect(scoped("national", allowed=ORGANISES)),
        published(lambda w: recs(w).upr),
    ),
    Write(
        "api: publish A's recommendation",
        "post",
        lambda w: f"/api/recommendations/{recs(w).province.pk}/publish/",
        lambda w: {"published": True},
        scoped("A", allowed={"admin", "secretariat"}, kind=API),
        published(lambda w: recs(w).province),
    ),
]


def report_started(world: World) -> bool:
    return Job.objects.filter(kind="recommendations.report").exists()


WRITES += [
    Write(
        "form: a national report on the recommendations one sees",
        "post",
        lambda w: reverse("recommendations:report"),
        lambda w: {"kind": "national", "by": "theme"},
        redirect(signed_in()),
        report_started,
    ),
    Write(
        "api: the matrix of the recommendations one sees",
        "post",
        lambda w: "/api/recommendations/report/",
        lambda w: {"kind": "matrix"},
        {ANONYMOUS: 403} | dict.fromkeys(SIGNED_IN, 202),
        report_started,
    ),
]
WRITES_BY_LABEL = {write.label: write for write in WRITES}
assert len(WRITES_BY_LABEL) == len(WRITES), "two writes share a label"


@dataclass(frozen=True)
class Export:
    """A GET that hands over a file, or starts the job that makes it: who gets it (``receivers``), and how to
    see that they did (``delivered``, from the response, the world and the persona)."""

    label: str
    url: Callable[[World], str]
    expect: Expect
    receivers: set[str]
    delivered: Callable[[Any, World, str], bool]


def job_started(kind: str) -> Callable[[Any, World, str], bool]:
    """The export is a background job of the persona's: the page answers at once with the job's page."""

    def started(response: Any, world: World, persona: str) -> bool:
        user = world.user(persona)
        return user is not None and Job.objects.filter(actor=user, kind=kind).exists()

    return started


def file_of(signature: bytes) -> Callable[[Any, World, str], bool]:
    check = is_file(signature)
    return lambda response, world, persona: check(response)


def seers(owner: str) -> set[str]:
    return set(SEES[owner])


EXPORTS = [
    Export(
        "Word of A",
        lambda w: reverse("reporting:report_export_docx", args=[report_a(w).pk]),
        scoped("A"),
        seers("A"),
        file_of(ZIP),
    ),
    Export(
        "PDF of A (a job)",
        lambda w: reverse("reporting:report_export_pdf", args=[report_a(w).pk]),
        scoped("A", ok=302),
        seers("A"),
        job_started(REPORT_PDF),
    ),
    Export(
        # the agency focal point sees no report of this cycle: back to the cycle, no job
        "cycle ZIP (a job)",
        lambda w: reverse("reporting:cycle_export_zip", args=[w.reporting().cycle.pk]),
        signed_in(302),
        set(SIGNED_IN) - {"agency"},
        job_started(CYCLE_ZIP),
    ),
    Export(
        "cycle figures",
        lambda w: reverse("reporting:cycle_export_figures", args=[w.reporting().cycle.pk]),
        signed_in() | {"agency": 302},
        set(SIGNED_IN) - {"agency"},
        file_of(ZIP),
    ),
    Export(
        "api: Word of A",
        lambda w: f"/api/reports/{report_a(w).pk}/export/?format=docx",
        scoped("A", kind=API),
        seers("A"),
        file_of(ZIP),
    ),
    Export(
        "api: PDF of B (a job)",
        lambda w: f"/api/reports/{report_b(w).pk}/export/?format=pdf",
        scoped("B", kind=API, ok=202),
        seers("B"),
        job_started(REPORT_PDF),
    ),
    Export(
        "api: cycle ZIP (a job)",
        lambda w: f"/api/cycles/{w.reporting().cycle.pk}/export/?format=zip",
        signed_in(202, kind=API),
        set(SIGNED_IN),
        job_started(CYCLE_ZIP),
    ),
]
EXPORTS_BY_LABEL = {export.label: export for export in EXPORTS}


@pytest.mark.usefixtures("proposals", "activities")
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("label", list(WRITES_BY_LABEL))
def test_write_answers_each_persona(
    label: str, persona: str, world: World, client_for: Any, api_for: Any
) -> None:
    write = WRITES_BY_LABEL[label]
    url, data = write.url(world), write.data(world)
    assert not write.happened(world)
    client = api_for(persona) if url.startswith("/api/") else client_for(persona)
    if write.before is not None:
        write.before(client, world)
    send = getattr(client, write.method)
    with TestCase.captureOnCommitCallbacks(execute=202 in write.expect.values()):
        if url.startswith("/api/"):
            response = send(url, data, format="multipart" if write.encoding == "multipart" else "json")
        elif write.encoding == "json":
            response = send(url, json.dumps(data), content_type="application/json")
        else:
            response = send(url, data)
    expected = write.expect[persona]
    assert response.status_code == expected, (
        f"{persona} {write.method.upper()} {url}: {response.content[:500]!r}"
    )
    assert write.happened(world) is (expected in {200, 201, 202, 302} and persona != ANONYMOUS)


@pytest.mark.usefixtures("reporting")
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("label", list(EXPORTS_BY_LABEL))
def test_export_answers_each_persona(
    label: str, persona: str, world: World, client_for: Any, api_for: Any
) -> None:
    export = EXPORTS_BY_LABEL[label]
    url = export.url(world)
    response = (api_for if url.startswith("/api/") else client_for)(persona).get(url)
    expected = export.expect[persona]
    assert response.status_code == expected, f"{persona} GET {url}"
    assert export.delivered(response, world, persona) is (persona in export.receivers)


# The Django admin site: administrators only ---------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", ["/admin/", "/admin/bodies/body/", "/admin/core/auditentry/"])
def test_admin_site_is_for_administrators(path: str, persona: str, world: World, client_for: Any) -> None:
    response = client_for(persona).get(path)
    if persona == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_admin_site_edits_bodies_for_administrators(world: World, client_for: Any) -> None:
    response = client_for("admin").get(f"/admin/bodies/body/{world.committee_b.pk}/change/")
    assert response.status_code == 200
    assert "Ban Chỉ đạo Cần Thơ" in response.content.decode()


# A successor committee reads its predecessors' reports, and changes none of them ------------------------
#
# Committee A took over, on 1 July 2025, the work of the committee of the old province of Quảng Nam (the 2025
# merger). Its focal point reads that committee's 2024 report, its revisions and attachments, and downloads
# it; every route that would change it answers 403, as for a report seen but not theirs. Committee B's focal
# point and the ministry's see nothing of it (404). See docs/decisions/0020.


@dataclass
class Merger:
    old_body: Body
    cycle: ReportingCycle
    report: Report
    attachment: Attachment


@layer("merger", on=("reporting",))
def _build_merger(state: State) -> State:
    from rightstrack.bodies.choices import BodyKind, BodyLevel
    from rightstrack.reporting.services import attachment_add, cycle_open, report_save
    from tests.factories import BodyFactory, UnitFactory

    world = state["world"]
    reform_day = datetime.date(2025, 7, 1)
    old_unit = UnitFactory(
        code="49", name="Quảng Nam", name_en="Quang Nam", valid_to=reform_day - datetime.timedelta(days=1)
    )
    old_body = BodyFactory(
        code="bcd-quang-nam",
        name="Ban Chỉ đạo tỉnh Quảng Nam",
        kind=BodyKind.PROVINCIAL_COMMITTEE,
        level=BodyLevel.PROVINCIAL,
        parent=world.national,
        unit=old_unit,
        established_on=datetime.date(2010, 1, 1),
        dissolved_on=reform_day,
        successor=world.committee_a,
    )
    secretariat = world.users["secretariat"]
    cycle = cycle_open(
        actor=secretariat,
        cycle=cycle_create(
            actor=secretariat,
            name="Báo cáo năm 2024",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            deadline=datetime.date(2025, 1, 15),
            template=world.reporting().template,
            participants=[old_body],
        ),
    )
    report = Report.objects.get(cycle=cycle, body=old_body)
    for text in ("<p>Năm 2024.</p>", "<p>Năm 2024, tỉnh Quảng Nam.</p>"):
        report = report_save(
            actor=None,
            report=report,
            expected_version=report.version,
            sections={"situation": text},
            figures={},
        )
    attachment = attachment_add(
        actor=None,
        report=report,
        uploaded_file=SimpleUploadedFile("Phụ lục.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    return {"merger": Merger(old_body=old_body, cycle=cycle, report=report, attachment=attachment)}


@pytest.fixture
@layer_fixture("merger")
def merger(_layer_state: State) -> Merger:
    """A dissolved committee whose work committee A took over, with a draft 2024 report (two revisions, an
    attachment) in an open cycle: the most a successor could be tempted to change."""
    return _layer_state["merger"]  # type: ignore[no-any-return]


def old(m: Merger) -> dict[str, Any]:
    return {"pk": m.report.pk}


# What committee A's focal point gets on each report route, for its predecessor's report (a draft it could
# edit were it its own): reads 200, exports as for its own report, every change 403.
SUCCESSOR: list[tuple[str, Callable[[Merger], dict[str, Any]], str, int]] = [
    ("reporting:report_detail", old, "", 200),
    ("reporting:report_edit", old, "", 403),
    ("reporting:report_autosave", old, "", 403),
    ("reporting:report_submit", old, "", 403),
    ("reporting:report_return", old, "", 403),
    ("reporting:report_accept", old, "", 403),
    ("reporting:report_revision", lambda m: {"pk": m.report.pk, "number": 1}, "", 200),
    ("reporting:report_revision_diff", old, "?a=1&b=2", 200),
    ("reporting:report_attachment_add", old, "", 403),
    ("reporting:report_attachment", lambda m: {"pk": m.report.pk, "attachment_pk": m.attachment.pk}, "", 200),
    (
        "reporting:report_attachment_delete",
        lambda m: {"pk": m.report.pk, "attachment_pk": m.attachment.pk},
        "",
        403,
    ),
    ("reporting:report_import", old, "", 403),
    ("reporting:report_import_preview", old, "", 403),
    ("reporting:report_export_docx", old, "", 200),
    ("reporting:report_export_pdf", old, "", 302),  # a job, as for their own report
    ("reporting:report_export_official", old, "", 200),  # reading includes the official layout
    ("report-detail", old, "", 200),
    ("report-export", old, "", 200),
    ("report-revisions", old, "", 200),
    ("report-revision", lambda m: {"pk": m.report.pk, "number": 1}, "", 200),
    ("report-diff", old, "?from=1&to=2", 200),
    ("report-submit-check", old, "", 200),
]


def test_every_report_route_is_in_the_successor_table() -> None:
    report_routes = {
        case.route
        for case in CASES
        if case.route.startswith(("reporting:report_", "report-"))
        and case.label != "GET"
        or case.route in {"reporting:report_autosave", "reporting:report_submit"}
    } - {"report-list", "report-template-list", "report-template-detail"}
    assert report_routes <= {route for route, *_ in SUCCESSOR}


@pytest.mark.parametrize("persona", ["focal_a", "focal_b", "agency", "admin"])
@pytest.mark.parametrize(("route", "args", "query", "status"), SUCCESSOR, ids=[r for r, *_ in SUCCESSOR])
def test_a_successor_reads_its_predecessors_report_and_never_changes_it(
    route: str, args: Any, query: str, status: int, persona: str, merger: Merger, client_for: Any
) -> None:
    url = reverse(route, kwargs=args(merger)) + query
    response = client_for(persona).get(url)
    if persona == "focal_a":
        expected = status
    elif persona == "admin":
        expected = response.status_code if response.status_code in (200, 302, 405) else -1
    else:
        expected = 404  # not their predecessor: not found, as any report outside their scope
    assert response.status_code == expected, f"{persona} GET {url}"


def test_a_successor_cannot_change_its_predecessors_report_by_any_route(
    merger: Merger, client_for: Any, api_for: Any
) -> None:
    report = merger.report
    version = report.version
    page = client_for("focal_a")
    api = api_for("focal_a")
    attempts = [
        page.post(reverse("reporting:report_submit", args=[report.pk]), {"expected_version": version}),
        page.post(
            reverse("reporting:report_autosave", args=[report.pk]),
            json.dumps({"version": version, "sections": {"situation": "<p>Sửa</p>"}}),
            content_type="application/json",
        ),
        page.post(
            reverse("reporting:report_attachment_add", args=[report.pk]),
            {"file": SimpleUploadedFile("x.pdf", MINIMAL_PDF, content_type="application/pdf")},
        ),
        page.post(reverse("reporting:report_attachment_delete", args=[report.pk, merger.attachment.pk])),
        api.patch(
            f"/api/reports/{report.pk}/content/",
            {"expected_version": version, "sections": {"situation": "<p>Sửa</p>"}},
            format="json",
        ),
        api.post(f"/api/reports/{report.pk}/submit/", {"expected_version": version}, format="json"),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    report.refresh_from_db()
    assert (report.version, report.status) == (version, ReportStatus.DRAFT)
    assert Attachment.objects.filter(report=report).count() == 1
    assert ReportSection.objects.get(report=report, section__key="situation").html == (
        "<p>Năm 2024, tỉnh Quảng Nam.</p>"
    )


def test_the_successor_finds_the_predecessors_reports_grouped_and_marked_read_only(
    merger: Merger, client_for: Any, api_for: Any
) -> None:
    cycles = client_for("focal_a").get(reverse("reporting:cycle_list")).content.decode()
    assert "Before 01/07/2025" in cycles and "Ban Chỉ đạo tỉnh Quảng Nam (before 07/2025)" in cycles
    assert reverse("reporting:report_detail", args=[merger.report.pk]) in cycles
    assert (
        "Before 01/07/2025" not in client_for("focal_b").get(reverse("reporting:cycle_list")).content.decode()
    )

    page = (
        client_for("focal_a")
        .get(reverse("reporting:report_detail", args=[merger.report.pk]))
        .content.decode()
    )
    assert 'data-testid="predecessor-report"' in page
    assert reverse("reporting:report_edit", args=[merger.report.pk]) not in page
    assert reverse("reporting:report_submit", args=[merger.report.pk]) not in page
    # the predecessor body's page is not theirs to open: its name is text, not a link to a 404
    assert merger.old_body.get_absolute_url() not in page

    board = (
        client_for("focal_a").get(reverse("reporting:cycle_detail", args=[merger.cycle.pk])).content.decode()
    )
    assert "rt-group-row" in board and "read only" in board

    ids = [row["id"] for row in api_for("focal_a").get("/api/reports/").json()["results"]]
    assert merger.report.pk in ids
    assert merger.report.pk not in [
        r["id"] for r in api_for("focal_b").get("/api/reports/").json()["results"]
    ]
