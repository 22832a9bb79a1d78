from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "nastavnik.documents"
    verbose_name = "Документы"

    def ready(self) -> None:
        """Tell ``people`` which documents name a person (``people.personal_data``: the page
        «what the system stores about me» and depersonalization)."""
        from nastavnik.documents.personal_data import documents_last_date, documents_sections, documents_wipe
        from nastavnik.people import personal_data

        personal_data.register(
            "documents",
            order=40,
            collect=documents_sections,
            last_date=documents_last_date,
            wipe=documents_wipe,
        )
        # The page of a decided request offers the order it calls for (replacing the mentor,
        # ending mentoring early); mentoring imports no document code.
        from nastavnik.documents.specs.personnel import request_papers
        from nastavnik.mentoring.services import requests

        requests.request_papers_register(request_papers)
