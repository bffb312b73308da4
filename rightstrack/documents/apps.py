from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "rightstrack.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from rightstrack.core.jobs.registry import JobKind
        from rightstrack.core.registry import Contribution, NavEntry, contribute
        from rightstrack.documents.choices import DocumentJob
        from rightstrack.followup.selectors import register_evidence_documents

        register_evidence_documents("rightstrack.documents.selectors.evidence_documents")

        contribute(
            Contribution(
                app_label=self.label,
                order=66,
                nav=[
                    NavEntry(
                        "documents:document_list",
                        _("Documents"),
                        order=26,
                        group="reporting",
                        permission="documents.view_document",
                    )
                ],
                urls=("documents/", "rightstrack.documents.urls"),
                api="rightstrack.documents.api.urls.register",
                demo="rightstrack.documents.demo.load",
                jobs=[
                    JobKind(
                        name=DocumentJob.INGEST,
                        run="rightstrack.documents.jobs.ingest",
                        label=DocumentJob.INGEST.label,
                        permission="documents.add_document",
                        success_url="rightstrack.documents.jobs.success_url",
                        present="rightstrack.documents.jobs.present",
                    )
                ],
            )
        )
