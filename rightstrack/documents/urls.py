"""Every document page's URL."""

from django.urls import URLPattern, path

from rightstrack.documents import views

app_name = "documents"
urlpatterns: list[URLPattern] = [
    path("", views.DocumentListView.as_view(), name="document_list"),
    path("new/", views.DocumentUploadView.as_view(), name="document_upload"),
    path("bulk/", views.BulkUploadView.as_view(), name="document_bulk"),
    path("bulk/<int:pk>/", views.IngestResultView.as_view(), name="ingest_result"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("<int:pk>/file/", views.DocumentDownloadView.as_view(), name="document_file"),
    path("<int:pk>/edit/", views.DocumentEditView.as_view(), name="document_edit"),
    path("<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("<int:pk>/conference/", views.ConferenceConfirmView.as_view(), name="document_conference"),
    path("<int:pk>/conference/unlink/", views.ConferenceUnlinkView.as_view(), name="document_unlink"),
    path("<int:pk>/statements/take/", views.TakeStatementView.as_view(), name="document_take_statement"),
]
