"""Every tagging page's URL."""

from django.urls import URLPattern, path

from rightstrack.tagging import views

app_name = "tagging"
urlpatterns: list[URLPattern] = [
    path("", views.TaxonomyListView.as_view(), name="taxonomy_list"),
    path("tagged/", views.TaggedListView.as_view(), name="tagged_list"),
    path("taxonomies/<slug:key>/", views.TaxonomyDetailView.as_view(), name="taxonomy_detail"),
    path("taxonomies/<slug:key>/retrain/", views.RetrainView.as_view(), name="retrain"),
    path("taxonomies/<slug:key>/tag-untagged/", views.TagUntaggedView.as_view(), name="tag_untagged"),
    path(
        "recommendations/<int:pk>/suggest/",
        views.RecommendationSuggestView.as_view(),
        name="recommendation_suggest",
    ),
    path("reports/<int:pk>/suggest/", views.ReportSuggestView.as_view(), name="report_suggest"),
    path("conferences/<int:pk>/suggest/", views.ConferenceSuggestView.as_view(), name="conference_suggest"),
    path("documents/<int:pk>/suggest/", views.DocumentSuggestView.as_view(), name="document_suggest"),
    path("suggestions/<int:pk>/accept/", views.SuggestionAcceptView.as_view(), name="suggestion_accept"),
    path("suggestions/<int:pk>/reject/", views.SuggestionRejectView.as_view(), name="suggestion_reject"),
]
