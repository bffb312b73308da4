"""The project's URLs: sign-in, language, API and admin here; each app's pages under its registered prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from rightstrack.accounts.views import InvitationAcceptView, PasswordChangeView, ProfileView, SignInView
from rightstrack.core import registry
from rightstrack.core.api_docs import ApiDocsView
from rightstrack.core.views.pages import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("profile/", ProfileView.as_view(), name="profile"),
    path("invitation/<str:token>/", InvitationAcceptView.as_view(), name="invitation_accept"),
    path("i18n/", include("django.conf.urls.i18n")),
    *(path(prefix, include(module)) for prefix, module in registry.url_includes()),
    path("api/", include("rightstrack.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", ApiDocsView.as_view(), name="api-docs"),  # its script is a static file (CSP)
    path("admin/", admin.site.urls),
]

handler500 = "rightstrack.core.handlers.server_error"
