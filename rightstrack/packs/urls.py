from django.urls import path

from rightstrack.packs import views

app_name = "packs"
urlpatterns = [
    path("", views.PackListView.as_view(), name="pack_list"),
    path("new/", views.PackCreateView.as_view(), name="pack_create"),
    path("<int:pk>/", views.PackDetailView.as_view(), name="pack_detail"),
    path("<int:pk>/build/", views.PackBuildView.as_view(), name="pack_build"),
    path("<int:pk>/delete/", views.PackDeleteView.as_view(), name="pack_delete"),
]
