"""Every page of the register of laws and policies."""

from django.urls import URLPattern, path

from rightstrack.laws import views

app_name = "laws"
urlpatterns: list[URLPattern] = [
    path("", views.LegalDocumentListView.as_view(), name="document_list"),
    path("new/", views.LegalDocumentCreateView.as_view(), name="document_create"),
    path("citations/", views.MentionsDetectView.as_view(), name="mentions_detect"),
    path("<int:pk>/", views.LegalDocumentDetailView.as_view(), name="document_detail"),
    path("<int:pk>/edit/", views.LegalDocumentEditView.as_view(), name="document_edit"),
    path("<int:pk>/delete/", views.LegalDocumentDeleteView.as_view(), name="document_delete"),
    path("<int:pk>/status/", views.LegalStatusSetView.as_view(), name="status_set"),
]
