from django.urls import path

from rightstrack.bodies import views

app_name = "bodies"
urlpatterns = [
    path("", views.BodyListView.as_view(), name="body_list"),
    path("new/", views.BodyCreateView.as_view(), name="body_create"),
    path("<int:pk>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("<int:pk>/edit/", views.BodyEditView.as_view(), name="body_edit"),
    path("<int:pk>/members/new/", views.MembershipCreateView.as_view(), name="membership_create"),
    path("memberships/<int:pk>/end/", views.MembershipEndView.as_view(), name="membership_end"),
]
