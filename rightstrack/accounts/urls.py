from django.urls import path

from rightstrack.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.UserListView.as_view(), name="user_list"),
    path("new/", views.UserCreateView.as_view(), name="user_create"),
    path("<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
    path("<int:pk>/invite/", views.UserInviteView.as_view(), name="user_invite"),
]
