"""The public portal's URLs: the only pages of rightstrack that answer someone not signed in (besides
signing in). A recommendation's page is its permanent link: /public/recommendations/<id>/, or by UHRI's id
/public/recommendations/uhri/<external id>/."""

from django.urls import URLPattern, path
from django.views.generic import RedirectView

from rightstrack.portal import views

app_name = "portal"
urlpatterns: list[URLPattern] = [
    path("", RedirectView.as_view(pattern_name="portal:recommendation_list"), name="home"),
    path("language/", views.LanguageView.as_view(), name="language"),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendation_list"),
    path(
        "recommendations/export.csv",
        views.RecommendationExportView.as_view(file_format="csv"),
        name="recommendation_export_csv",
    ),
    path(
        "recommendations/export.json",
        views.RecommendationExportView.as_view(file_format="json"),
        name="recommendation_export_json",
    ),
    path("recommendations/<int:pk>/", views.RecommendationDetailView.as_view(), name="recommendation_detail"),
    path(
        "recommendations/uhri/<str:external_id>/",
        views.RecommendationByExternalIdView.as_view(),
        name="recommendation_by_external_id",
    ),
]
