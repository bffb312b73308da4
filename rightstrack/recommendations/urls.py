"""Every recommendation page's URL."""

from django.urls import URLPattern, path

from rightstrack.recommendations import views
from rightstrack.recommendations.views import reports

app_name = "recommendations"
urlpatterns: list[URLPattern] = [
    path("", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="recommendation_detail"),
    path("<int:pk>/publish/", views.RecommendationPublishView.as_view(), name="recommendation_publish"),
    path(
        "<int:pk>/unpublish/",
        views.RecommendationPublishView.as_view(published=False),
        name="recommendation_unpublish",
    ),
    path("assessments/<int:pk>/publish/", views.AssessmentPublishView.as_view(), name="assessment_publish"),
    path(
        "assessments/<int:pk>/unpublish/",
        views.AssessmentPublishView.as_view(published=False),
        name="assessment_unpublish",
    ),
    path("<int:pk>/assign/", views.RecommendationAssignView.as_view(), name="recommendation_assign"),
    path("<int:pk>/measures/new/", views.MeasureCreateView.as_view(), name="measure_create"),
    path("<int:pk>/assessments/new/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/file/", views.AssessmentFileView.as_view(), name="assessment_file"),
    path("assessments/<int:pk>/edit/", views.AssessmentEditView.as_view(), name="assessment_edit"),
    path("assessments/<int:pk>/delete/", views.AssessmentDeleteView.as_view(), name="assessment_delete"),
    path("measures/<int:pk>/edit/", views.MeasureEditView.as_view(), name="measure_edit"),
    path("measures/<int:pk>/delete/", views.MeasureDeleteView.as_view(), name="measure_delete"),
    path("clusters/<int:pk>/assign/", views.ClusterAssignView.as_view(), name="cluster_assign"),
    path("clusters/", reports.ClusterView.as_view(), name="clusters"),
    path("report/", reports.ReportStartView.as_view(), name="report"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("import/<int:pk>/columns/", views.ImportColumnsView.as_view(), name="import_columns"),
    path("taxonomy/", views.TaxonomyView.as_view(), name="taxonomy"),
    path("themes/<int:pk>/edit/", views.ThemeEditView.as_view(), name="theme_edit"),
    path("persons/<int:pk>/edit/", views.AffectedPersonsEditView.as_view(), name="persons_edit"),
]
