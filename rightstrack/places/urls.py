from django.urls import path

from rightstrack.places import views

app_name = "places"
urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit_list"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<int:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
]
