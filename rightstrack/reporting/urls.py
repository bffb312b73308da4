"""Every reporting page's URL; the views live in ``views/`` by concept."""

from django.urls import URLPattern, path

from rightstrack.reporting.views import (
    attachments,
    cycles,
    dashboard,
    editor,
    exports,
    imports,
    reports,
    revisions,
    templates,
)

app_name = "reporting"
urlpatterns: list[URLPattern] = [
    path("cycles/", cycles.CycleListView.as_view(), name="cycle_list"),
    path("cycles/new/", cycles.CycleCreateView.as_view(), name="cycle_create"),
    path("cycles/<int:pk>/", cycles.CycleDetailView.as_view(), name="cycle_detail"),
    path("cycles/<int:pk>/edit/", cycles.CycleEditView.as_view(), name="cycle_edit"),
    path("cycles/<int:pk>/open/", cycles.CycleOpenView.as_view(), name="cycle_open"),
    path("cycles/<int:pk>/close/", cycles.CycleCloseView.as_view(), name="cycle_close"),
    path(
        "cycles/<int:pk>/dashboard.xlsx",
        dashboard.CycleDashboardXlsxView.as_view(),
        name="cycle_dashboard_xlsx",
    ),
    path("templates/", templates.TemplateListView.as_view(), name="template_list"),
    path("templates/<int:pk>/", templates.TemplateDetailView.as_view(), name="template_detail"),
    path("templates/<int:pk>/revise/", templates.TemplateReviseView.as_view(), name="template_revise"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", editor.ReportEditView.as_view(), name="report_edit"),
    path("reports/<int:pk>/autosave/", editor.ReportAutosaveView.as_view(), name="report_autosave"),
    path("reports/<int:pk>/submit/", reports.ReportSubmitView.as_view(), name="report_submit"),
    path("reports/<int:pk>/return/", reports.ReportReturnView.as_view(), name="report_return"),
    path("reports/<int:pk>/accept/", reports.ReportAcceptView.as_view(), name="report_accept"),
    path(
        "reports/<int:pk>/revisions/<int:number>/",
        revisions.RevisionDetailView.as_view(),
        name="report_revision",
    ),
    path(
        "reports/<int:pk>/revisions/compare/",
        revisions.RevisionDiffView.as_view(),
        name="report_revision_diff",
    ),
    path(
        "reports/<int:pk>/attachments/", attachments.AttachmentAddView.as_view(), name="report_attachment_add"
    ),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/",
        attachments.AttachmentDownloadView.as_view(),
        name="report_attachment",
    ),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.AttachmentDeleteView.as_view(),
        name="report_attachment_delete",
    ),
    path("reports/<int:pk>/import/", imports.ReportImportView.as_view(), name="report_import"),
    path(
        "reports/<int:pk>/import/preview/",
        imports.ReportImportPreviewView.as_view(),
        name="report_import_preview",
    ),
    path(
        "reports/<int:pk>/export.docx",
        exports.ReportExportView.as_view(file_format="docx"),
        name="report_export_docx",
    ),
    path(
        "reports/<int:pk>/export/official/",
        exports.ReportOfficialExportView.as_view(),
        name="report_export_official",
    ),
    path(
        "reports/<int:pk>/export.pdf",
        exports.ReportExportView.as_view(file_format="pdf"),
        name="report_export_pdf",
    ),
    path(
        "cycles/<int:pk>/reports.zip",
        exports.CycleExportView.as_view(file_format="zip"),
        name="cycle_export_zip",
    ),
    path(
        "cycles/<int:pk>/figures.xlsx",
        exports.CycleExportView.as_view(file_format="xlsx"),
        name="cycle_export_figures",
    ),
]
