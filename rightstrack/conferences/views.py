"""Conference pages, declared on the generic views: each write one service call."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.bodies.models import Body
from rightstrack.conferences import exports, selectors, services
from rightstrack.conferences.filters import ConferenceCalendarFilterSet, ConferenceFilterSet
from rightstrack.conferences.forms import ConferenceForm, DocumentForm, MediaLinkForm
from rightstrack.conferences.models import Conference, ConferenceDocument, ConferenceMediaLink
from rightstrack.conferences.tables import ConferenceTable
from rightstrack.core.scope import get_scoped_or_404, scoped
from rightstrack.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
    ScopedObjectMixin,
)
from rightstrack.exchange.uploads import CONTENT_TYPES
from rightstrack.reporting.models import Report


class ConferenceListView(ObjectListView):
    permission_required = "conferences.view_conference"
    queryset = selectors.conference_list().prefetch_related("place__successors").order_by("-date", "-pk")
    filterset_class = ConferenceFilterSet
    table_class = ConferenceTable
    template_name = "conferences/conference_list.html"


class ConferenceCalendarView(ObjectListView):
    """One month, Monday first, each day with its conferences; a list of them for small screens."""

    permission_required = "conferences.view_conference"
    queryset = Conference.objects.select_related("place").order_by("date", "start_time", "pk")
    filterset_class = ConferenceCalendarFilterSet
    template_name = "conferences/conference_calendar.html"
    paginate_by = None  # type: ignore[assignment]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        year = data.get("year") or today.year
        month = int(data.get("month") or (today.month if not data.get("year") else 1))
        if not 1 <= year <= 9998:
            year = today.year
        month_view = selectors.conference_month(queryset=ctx["object_list"], year=year, month=month)
        query = self.request.GET.copy()
        for name in ("year", "month", "page"):
            query.pop(name, None)
        rest = query.urlencode()
        ctx.update(
            month=month_view,
            previous_query=_month_query(month_view.previous, rest),
            next_query=_month_query(month_view.next, rest),
            today_query=_month_query(today.replace(day=1), rest),
        )
        return ctx


def _month_query(day: datetime.date, rest: str) -> str:
    return f"?year={day.year}&month={day.month}" + (f"&{rest}" if rest else "")


class ConferenceDetailView(ObjectView):
    object_permission = "conferences.view_conference"
    queryset = selectors.conference_detail()
    template_name = "conferences/conference_detail.html"
    context_object_name = "conference"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        conference: Conference = self.object
        can_edit = self.actor.has_perm("conferences.change_conference", conference)
        presentations = list(conference.presentations.all())
        body_ids = {conference.organiser_id} | {p.body_id for p in conference.participants.all()}
        body_ids |= {p.body_id for p in presentations}
        report_ids = {p.report_id for p in presentations if p.report_id}
        ctx.update(
            # Links only to what the reader may open: a province sees who took part, not their pages.
            visible_body_ids=set(
                scoped(self.actor, Body.objects.filter(pk__in=body_ids)).values_list("pk", flat=True)
            ),
            visible_report_ids=set(
                scoped(self.actor, Report.objects.filter(pk__in=report_ids)).values_list("pk", flat=True)
            ),
            place_today=selectors.place_today(conference),
            can_edit=can_edit,
            document_form=DocumentForm() if can_edit else None,
            media_form=MediaLinkForm() if can_edit else None,
            presenting_ids={p.body_id for p in presentations},
            # The documents app's articles and reports linked to this conference (its reverse relation
            # ``coverage``; conferences import nothing from documents), those the reader may open.
            coverage=scoped(
                self.actor,
                conference.coverage.select_related("body").defer(  # type: ignore[attr-defined]
                    "text", "folded_text", "folded_title", "minhash", "sections", "facts"
                ),
            ).order_by("published_on", "pk"),
        )
        return ctx


class ConferenceMinutesView(ObjectView):
    """The conference's minutes as a Word file in the official layout (``exports.minutes_file``)."""

    object_permission = "conferences.view_conference"
    queryset = selectors.conference_detail()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        built = exports.minutes_file(cast(Conference, self.object))
        response = HttpResponse(built.content, content_type=built.content_type)
        response["Content-Disposition"] = f'attachment; filename="{built.name}"'
        return response


class ConferenceCreateView(ObjectEditView):
    object_permission = "conferences.add_conference"
    form_class = ConferenceForm
    service = services.conference_create
    template_name = "conferences/conference_form.html"
    success_message = gettext_lazy("Conference recorded.")

    def get_initial(self) -> dict[str, Any]:
        return {"kind": "regional_review", "participants_mode": "list"}

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, ConferenceForm)
        return form.service_kwargs()


class ConferenceEditView(ObjectEditView):
    object_permission = "conferences.change_conference"
    queryset = selectors.conference_detail()
    form_class = ConferenceForm
    service = services.conference_update
    template_name = "conferences/conference_form.html"
    context_object_name = "conference"
    object_kwarg = "conference"
    success_message = gettext_lazy("Changes saved.")

    @property
    def conference(self) -> Conference:
        return cast(Conference, self.object)

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"conference": self.conference}

    def get_initial(self) -> dict[str, Any]:
        conference = self.conference
        initial = {name: getattr(conference, name) for name in services.CONFERENCE_FIELDS}
        initial["participants_mode"] = "list"
        initial["participants"] = [p.body_id for p in conference.participants.all()]
        presentations = conference.presentations.select_related("body").order_by("order", "id")
        initial["presenters"] = [p.body_id for p in presentations]
        initial["presenter_order"] = "\n".join(p.body.name for p in presentations)
        return initial

    def get_service_kwargs(self, form: BaseForm) -> dict[str, Any]:
        assert isinstance(form, ConferenceForm)
        return form.service_kwargs() | {"conference": self.conference}


class ConferenceDeleteView(ObjectDeleteView):
    object_permission = "conferences.delete_conference"
    queryset = Conference.objects.select_related("organiser")
    template_name = "conferences/conference_delete.html"
    context_object_name = "conference"
    object_kwarg = "conference"
    service = services.conference_delete
    success_url = reverse_lazy("conferences:conference_list")  # type: ignore[assignment]
    success_message = gettext_lazy("Conference deleted.")

    def get_failure_url(self) -> str:
        return str(self.object.get_absolute_url())


# Documents and media coverage --------------------------------------------------------------------------


class ConferencePartMixin(ScopedObjectMixin):
    """A document or article of the conference the URL names, both within scope (404 otherwise)."""

    part_model: type[ConferenceDocument] | type[ConferenceMediaLink]
    pk_url_kwarg = "part_pk"

    def get_queryset(self) -> QuerySet[Any]:
        conference = get_scoped_or_404(self.request.user, Conference.objects.all(), pk=self.kwargs["pk"])
        return self.part_model.objects.select_related("conference", "conference__organiser").filter(
            conference=conference
        )

    def get_permission_object(self) -> Conference:
        return cast(Conference, self.object.conference)


class DocumentAddView(ObjectActionView):
    object_permission = "conferences.change_conference"
    queryset = Conference.objects.select_related("organiser")
    http_method_names = ["post"]
    form_class = DocumentForm
    service = services.conference_document_add
    object_kwarg = "conference"

    def get_service_kwargs(self, form: BaseForm | None) -> dict[str, Any]:
        assert form is not None
        data = form.cleaned_data
        return {"conference": self.object, "uploaded_file": data["file"], "title": data.get("title") or ""}

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        messages.error(self.request, _("Choose a file to attach."))
        return redirect(self.get_failure_url())

    def get_success_message(self, result: ConferenceDocument) -> str:
        return _("“%(name)s” attached.") % {"name": result.original_name}

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url()) + "#documents"


class DocumentDownloadView(ConferencePartMixin, ObjectView):
    object_permission = "conferences.view_conference"
    part_model = ConferenceDocument

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        document = cast(ConferenceDocument, self.object)
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("This file is no longer stored.")) from None
        content_type = CONTENT_TYPES.get(document.kind, "application/octet-stream")
        return FileResponse(
            handle, as_attachment=True, filename=document.original_name, content_type=content_type
        )


class DocumentDeleteView(ConferencePartMixin, ObjectDeleteView):
    object_permission = "conferences.change_conference"
    part_model = ConferenceDocument
    http_method_names = ["post"]
    service = services.conference_document_delete
    object_kwarg = "document"

    def get_success_message(self, result: Any) -> str:
        return _("“%(name)s” removed.") % {"name": self.object.original_name}

    def get_success_url(self) -> str:
        return reverse("conferences:conference_detail", args=[self.object.conference_id]) + "#documents"


class MediaLinkAddView(ObjectActionView):
    object_permission = "conferences.change_conference"
    queryset = Conference.objects.select_related("organiser")
    http_method_names = ["post"]
    form_class = MediaLinkForm
    service = services.conference_media_link_add
    object_kwarg = "conference"
    success_message = gettext_lazy("Article recorded.")

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url()) + "#media"


class MediaLinkDeleteView(ConferencePartMixin, ObjectDeleteView):
    object_permission = "conferences.change_conference"
    part_model = ConferenceMediaLink
    http_method_names = ["post"]
    service = services.conference_media_link_delete
    object_kwarg = "link"
    success_message = gettext_lazy("Article removed from the record.")

    def get_success_url(self) -> str:
        return reverse("conferences:conference_detail", args=[self.object.conference_id]) + "#media"
