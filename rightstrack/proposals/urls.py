"""Every proposal page's URL."""

from django.urls import URLPattern, path

from rightstrack.proposals import views

app_name = "proposals"
urlpatterns: list[URLPattern] = [
    path("", views.ProposalListView.as_view(), name="proposal_list"),
    path("new/", views.ProposalCreateView.as_view(), name="proposal_create"),
    path("from-pack/<int:pk>/", views.ProposalFromPackView.as_view(), name="proposal_from_pack"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("<int:pk>/edit/", views.ProposalEditView.as_view(), name="proposal_edit"),
    path("<int:pk>/delete/", views.ProposalDeleteView.as_view(), name="proposal_delete"),
    path("<int:pk>/status/", views.ProposalStatusView.as_view(), name="proposal_status"),
    path("<int:pk>/merge/", views.ProposalMergeView.as_view(), name="proposal_merge"),
    path("<int:pk>/unmerge/", views.ProposalUnmergeView.as_view(), name="proposal_unmerge"),
]
