"""The tagging pages, declared on the generic views: the taxonomies, one taxonomy (terms, the version in use
and its figures, the history, retrain and "tag all untagged", its accepted tags by body as a chart and a
table), the texts with an accepted tag filtered by tag, and the actions of the suggestion panels
(suggest, accept, reject) that the recommendation and report pages show. Each write is one service call."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightstrack.conferences.models import Conference
from rightstrack.core.jobs.views import redirect_to_job
from rightstrack.core.views.generic import ObjectActionView, ObjectListView, ObjectView
from rightstrack.documents.models import Document
from rightstrack.recommendations.models import Recommendation
from rightstrack.reporting.models import Report
from rightstrack.tagging import by_tag, selectors, services
from rightstrack.tagging.choices import TargetKind, TaxonomyKey
from rightstrack.tagging.filters import TaggedFilterSet
from rightstrack.tagging.tables import TaggedTable
from rightstrack.tagging.targets import TAXONOMIES, Target

# The lists that take tagging's tag filter (``list_filters``) and link from a taxonomy's terms: the kind of
# text, the list's URL name, its name and who may open it.
TAG_LISTS = (
    (TargetKind.DOCUMENT, "documents:document_list", gettext_lazy("Documents"), "documents.view_document"),
    (
        TargetKind.CONFERENCE,
        "conferences:conference_list",
        gettext_lazy("Conferences"),
        "conferences.view_conference",
    ),
)


class TaxonomyListView(ObjectView):
    """The taxonomies the tagger knows, each with its version in use and its suggestions' counts."""

    permission_required = "tagging.view_taggerversion"
    template_name = "tagging/taxonomy_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"taxonomies": selectors.taxonomy_summaries()}


class TaggedListView(ObjectListView):
    """The texts with an accepted tag across the product, filtered by tag, kind of text, section and body."""

    permission_required = "tagging.view_taggerversion"
    queryset = by_tag.tagged_list()
    filterset_class = TaggedFilterSet
    template_name = "tagging/tagged_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["table"] = TaggedTable(by_tag.tagged_rows(list(context["object_list"])))
        return context


class TaxonomyMixin:
    """The taxonomy named in the URL (``key``); an unknown one is not found."""

    kwargs: dict[str, Any]

    def get_object(self) -> Any:
        key = self.kwargs.get("key", "")
        if key not in TaxonomyKey.values:
            raise Http404(gettext_lazy("No such taxonomy."))
        return None

    @property
    def taxonomy_key(self) -> str:
        return str(self.kwargs["key"])


class TaxonomyDetailView(TaxonomyMixin, ObjectView):
    permission_required = "tagging.view_taggerversion"
    template_name = "tagging/taxonomy_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        key = self.taxonomy_key
        by_body = by_tag.accepted_by_body(self.actor, key, self.request.GET.get("section", ""))
        history = list(selectors.versions(key))
        active = next((v for v in history if v.active), None)
        latest = history[0] if history else None
        return super().get_context_data(**kwargs) | {
            "key": key,
            "title": TaxonomyKey(key).label,
            "terms": selectors.terms(key),
            "tag_lists": [
                (label, reverse(url_name))
                for kind, url_name, label, permission in TAG_LISTS
                if key in TAXONOMIES[kind] and self.actor.has_perm(permission)
            ],
            "active": active,
            "active_refused": selectors.refusal(key) if active is not None else "",
            "active_figures": selectors.figure_rows(active),
            "by_body": by_body,
            "by_body_chart": by_body.chart(_("Accepted tags of report sections, by body")),
            "history": history,
            "kept_aside": latest if latest is not None and not latest.active else None,
            "can_retrain": self.actor.has_perm("tagging.retrain_tagger"),
            "can_tag": self.actor.has_perm("tagging.tag_untagged"),
        }


class TaxonomyJobView(TaxonomyMixin, ObjectActionView):
    """A POST that queues a job for the taxonomy and goes to its progress page."""

    def get_service_kwargs(self, form: Any) -> dict[str, Any]:
        return {"taxonomy": self.taxonomy_key}

    def get_success_url(self) -> str:
        return str(redirect_to_job(self.result)["Location"])

    def get_failure_url(self) -> str:
        return reverse("tagging:taxonomy_detail", args=[self.taxonomy_key])


class RetrainView(TaxonomyJobView):
    permission_required = "tagging.retrain_tagger"
    service = services.tagger_retrain_start


class TagUntaggedView(TaxonomyJobView):
    permission_required = "tagging.tag_untagged"
    service = services.tag_untagged_start


class SuggestView(ObjectActionView):
    """Ask the taggers for a text's suggestions now (the panel's "Suggest tags")."""

    object_permission = "tagging.decide_suggestion"
    object_kwarg = "obj"
    service = services.suggestions_make
    success_message = gettext_lazy("Tags suggested.")

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url()) + "#tags"


class RecommendationSuggestView(SuggestView):
    queryset = Recommendation.objects.all()


class ConferenceSuggestView(SuggestView):
    """The conference's minutes."""

    queryset = Conference.objects.all()


class DocumentSuggestView(SuggestView):
    queryset = Document.objects.all()


class ReportSuggestView(SuggestView):
    """Every section of the report with text."""

    queryset = Report.objects.all()


class SuggestionDecideView(ObjectActionView):
    queryset = selectors.suggestion_list().select_related(
        "recommendation", "report", "conference", "document"
    )
    object_permission = "tagging.decide_suggestion"

    def get_success_url(self) -> str:
        return Target.of_suggestion(self.object).url()


class SuggestionAcceptView(SuggestionDecideView):
    service = services.suggestion_accept
    success_message = gettext_lazy("Tag accepted.")


class SuggestionRejectView(SuggestionDecideView):
    service = services.suggestion_reject
    success_message = gettext_lazy("Suggestion rejected.")
