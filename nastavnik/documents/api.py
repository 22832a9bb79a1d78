"""The REST API of the document registry (issue 17, build 1): the documents of the user's scope
(``Document.objects.for_user``, the FilterSet of the registry page) and the download of their
DOCX and PDF through the same code as the page's (``views.FileView``): the files only to those
who may take them (``DocumentQuerySet.files_for``: a consent with passport data only to the
curator, the head and the person, 152-ФЗ art. 9), every download written to the journal by
``audit.middleware.AuditMiddleware`` from the response's ``core.files.mark_attachment``. No file
bytes travel in JSON: a row carries the addresses of its downloads.

Addresses (under ``/api/v1/``): ``documents/`` (``q``, ``organization``, ``kind``, ``status``,
``date_from``, ``date_to``), ``documents/{id}/``, ``documents/{id}/docx/``, ``documents/{id}/pdf/``.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import exceptions, permissions, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.core.api import FileRenderer, ScopedViewSetMixin, UserNameField
from nastavnik.core.files import mark_attachment, private_file_response
from nastavnik.core.views import id_param
from nastavnik.documents.filtersets import DocumentFilterSet
from nastavnik.documents.models import Document
from nastavnik.documents.render import PdfError
from nastavnik.documents.services import document_pdf, download_name

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PdfUnavailable(exceptions.APIException):
    """LibreOffice is missing or failed to make the PDF: 503 with its Russian reason."""

    status_code = 503
    default_detail = "Не удалось сформировать PDF: попробуйте позже или скачайте DOCX."
    default_code = "pdf_unavailable"


@extend_schema_serializer(
    description="Документ реестра: вид, реквизиты, состояние и адреса для скачивания файлов."
)
class DocumentSerializer(serializers.ModelSerializer):
    """A document of the registry: kind, requisites, state, whom it is about, who drew it up,
    and the addresses of its DOCX and PDF when the user may download them (``null`` otherwise)."""

    organization_name = serializers.CharField(source="organization.full_name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    author_name = UserNameField(source="author", help_text="Составил")
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "organization",
            "organization_name",
            "kind",
            "kind_display",
            "title",
            "number",
            "date",
            "status",
            "status_display",
            "signed_on",
            "person",
            "pair",
            "program",
            "author_name",
            "created_at",
            "updated_at",
            "docx_url",
            "pdf_url",
        ]
        read_only_fields = fields

    def _downloadable(self, document: Document) -> bool:
        return bool(document.file) and document.pk in self.context.get("downloadable", ())

    def _url(self, document: Document, fmt: str) -> str | None:
        if not self._downloadable(document):
            return None
        path = reverse(f"api:document-{fmt}", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_docx_url(self, document: Document) -> str | None:
        return self._url(document, "docx")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, document: Document) -> str | None:
        return self._url(document, "pdf")


@extend_schema_view(
    list=extend_schema(
        summary="Реестр документов",
        description="Документы, доступные пользователю; фильтры — как в реестре на странице.",
    ),
    retrieve=extend_schema(
        summary="Документ",
        description="Реквизиты документа и адреса для скачивания DOCX и PDF (если пользователю можно их скачать).",
    ),
)
@extend_schema(tags=["Документы"])
class DocumentViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The registry of documents in the user's scope, newest first in the page but paged by
    ``id`` here (keyset pages). As the registry page, it answers every signed-in user with the
    rows of their scope — a mentor or a mentee sees the papers about themselves and their pairs
    (``Document.scope_filter``) — so the only permission is being signed in; out of scope: 404."""

    queryset = Document.objects.all()
    scope_model = "document"
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    permission_classes = [permissions.IsAuthenticated]

    def base_queryset(self):
        return Document.objects.select_related("organization", "author__person")

    def _with_downloads(self, documents) -> dict:
        context = self.get_serializer_context()
        ids = [d.pk for d in documents]
        context["downloadable"] = set(
            Document.objects.files_for(self.request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        return context

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = DocumentSerializer(page, many=True, context=self._with_downloads(page)).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        document = self.get_object()
        return Response(DocumentSerializer(document, context=self._with_downloads([document])).data)

    def _file_document(self, pk) -> Document:
        """The document ``pk`` if the user may download its files (the page's ``FileView``
        rule), else 404."""
        document_id = id_param(pk)
        document = (
            Document.objects.files_for(self.request.user).filter(pk=document_id).first()
            if document_id is not None
            else None
        )
        if document is None:
            raise Http404
        return document

    @extend_schema(
        summary="Скачать DOCX",
        description="Файл документа в формате DOCX; скачивание записывается в журнал.",
        responses={(200, DOCX_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="Файл DOCX")},
        filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, FileRenderer])
    def docx(self, request, pk=None):
        document = self._file_document(pk)
        return private_file_response(document.file, download_name(document, "docx"))

    @extend_schema(
        summary="Скачать PDF",
        description="Копия документа в формате PDF; скачивание записывается в журнал.",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Файл PDF")},
        filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, FileRenderer])
    def pdf(self, request, pk=None):
        document = self._file_document(pk)
        if not document.file:
            raise Http404
        try:
            content = document_pdf(document)
        except FileNotFoundError:
            raise exceptions.NotFound("Файл не найден в хранилище: сформируйте документ заново.") from None
        except PdfError as exc:
            raise PdfUnavailable(str(exc)) from None
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, download_name(document, "pdf"))
        return mark_attachment(response, subject=document, label="Файл PDF")


def register(router) -> None:
    """Register this app's viewsets on the API ``router``: ``documents``."""
    router.register("documents", DocumentViewSet, basename="document")
