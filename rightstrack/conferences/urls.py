"""Every conference page's URL."""

from django.urls import URLPattern, path

from rightstrack.conferences import views

app_name = "conferences"
urlpatterns: list[URLPattern] = [
    path("", views.ConferenceListView.as_view(), name="conference_list"),
    path("calendar/", views.ConferenceCalendarView.as_view(), name="conference_calendar"),
    path("new/", views.ConferenceCreateView.as_view(), name="conference_create"),
    path("<int:pk>/", views.ConferenceDetailView.as_view(), name="conference_detail"),
    path("<int:pk>/edit/", views.ConferenceEditView.as_view(), name="conference_edit"),
    path("<int:pk>/minutes.docx", views.ConferenceMinutesView.as_view(), name="conference_minutes"),
    path("<int:pk>/delete/", views.ConferenceDeleteView.as_view(), name="conference_delete"),
    path("<int:pk>/documents/", views.DocumentAddView.as_view(), name="document_add"),
    path("<int:pk>/documents/<int:part_pk>/", views.DocumentDownloadView.as_view(), name="document"),
    path(
        "<int:pk>/documents/<int:part_pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"
    ),
    path("<int:pk>/media/", views.MediaLinkAddView.as_view(), name="media_link_add"),
    path(
        "<int:pk>/media/<int:part_pk>/delete/", views.MediaLinkDeleteView.as_view(), name="media_link_delete"
    ),
]
