"""Pages of the section «Наставничество» (issue 19; seed 000 §4.1.2, 003 §2.2).

Public pages (no sign-in): ``/o/`` (the region), ``/o/<municipality>/``, ``/o/<municipality>/
<organization>/``, an item's page and file under ``/o/materials/``, ``/sitemap.xml``. They read
only published data through ``openness.selectors.sections``; a draft is a 404 except for its
keeper, who sees it with a banner.

The keeper's pages (``publicsection`` ``change``): ``/sections/`` and the editor
``/sections/<pk>/`` with the items and «Опубликовать из реестра».
"""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from nastavnik.core.views import RightRequiredMixin, ScopedActionMixin, add_validation_error, id_param
from nastavnik.openness.blocks import public_blocks
from nastavnik.openness.choices import SectionItemKind
from nastavnik.openness.forms_sections import ItemForm, RegistryPublishForm, SectionForm
from nastavnik.openness.models import PublicSection, SectionItem
from nastavnik.openness.selectors import sections as selectors
from nastavnik.openness.services import sections as services
from nastavnik.organizations.models import OrgUnit

# --- public pages -------------------------------------------------------------------------------


class _PublicSectionView(TemplateView):
    """A section's public page; ``block_page`` names its public blocks (``openness.blocks``)."""

    template_name = "openness/sections/public_section.html"
    block_page = "organization"

    def section(self) -> PublicSection:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.section()
        preview = not section.is_published or selectors.may_preview(section, self.request.user)
        context.update(selectors.section_page(section, preview=preview))
        context["preview"] = preview
        context["blocks"] = public_blocks(self.block_page, unit=section.unit, section=section)
        context["breadcrumbs"] = self.breadcrumbs(section)
        return context

    def breadcrumbs(self, section: PublicSection) -> list[tuple[str, str]]:
        """``(name, address)`` from the region down to the section's parent."""
        crumbs = []
        try:
            region = selectors.region_section()
            if region.pk != section.pk:
                crumbs.append((str(region.unit), reverse("sections:region")))
        except Http404:
            pass
        if section.parent_id:
            crumbs.append((str(section.parent.unit), selectors.public_url(section.parent)))
        return crumbs


class RegionView(_PublicSectionView):
    """``/o/``: the region's section with its municipalities."""

    block_page = "region"

    def section(self):
        return selectors.region_section(preview_user=self.request.user)


class MunicipalityView(_PublicSectionView):
    """``/o/<municipality>/``: the municipality's section with its organizations."""

    block_page = "municipality"

    def section(self):
        return selectors.section_at(municipality=self.kwargs["municipality"], user=self.request.user)


class OrganizationView(_PublicSectionView):
    """``/o/<municipality>/<organization>/``: the organization's section."""

    block_page = "organization"

    def section(self):
        return selectors.section_at(
            municipality=self.kwargs["municipality"],
            organization=self.kwargs["organization"],
            user=self.request.user,
        )


class ItemView(TemplateView):
    """``/o/materials/<pk>/``: a published news item, event, material or act of a published section."""

    template_name = "openness/sections/public_item.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = selectors.public_item(self.kwargs["pk"], user=self.request.user)
        section = item.section
        context.update(
            item=item,
            section=section,
            section_url=selectors.public_url(section),
            preview=not (item.is_published and section.is_published),
        )
        return context


class ItemFileView(View):
    """``/o/materials/<pk>/file/``: the file of a published item, shown in the browser; for an act
    published from the registry, the document's signed scan, else its PDF copy, else its DOCX."""

    def get(self, request, pk):
        item = selectors.public_item(pk, user=request.user)
        stored, name = item.file, ""
        if item.document_id:
            document = item.document
            stored = document.scan or document.pdf or document.file
            name = services.slugify_ru(document.title)[:60] or "document"
        if not stored:
            raise Http404("Файл не загружен.")
        extension = stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
        filename = f"{name}.{extension}" if name and extension else stored.name.rsplit("/", 1)[-1]
        try:
            handle = stored.open("rb")
        except FileNotFoundError:
            raise Http404("Файл не найден.") from None
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(False, filename)
        return response


# --- the keeper's pages -------------------------------------------------------------------------


class KeptSectionsView(RightRequiredMixin, TemplateView):
    """``/sections/``: the sections the user keeps; with one section, straight to its editor.
    POST ``unit=<id>`` opens (creates as a draft) the section of a kept unit."""

    required_right = ("publicsection", "change")
    template_name = "openness/sections/kept.html"

    def get(self, request, *args, **kwargs):
        units = selectors.kept_sections(request.user)
        existing = {s.unit_id: s for s in PublicSection.objects.filter(unit__in=units)}
        if len(units) == 1 and units[0].pk in existing:
            return redirect("sections:edit", pk=existing[units[0].pk].pk)
        rows = [{"unit": unit, "section": existing.get(unit.pk)} for unit in units]
        return self.render_to_response(self.get_context_data(rows=rows))

    def post(self, request, *args, **kwargs):
        unit = OrgUnit.objects.filter(pk=id_param(request.POST.get("unit"))).first()
        if unit is None:
            messages.error(request, "Выберите организацию из списка.")
            return redirect("sections:kept")
        section = services.section_open(unit=unit, by=request.user)
        return redirect("sections:edit", pk=section.pk)


class _KeeperMixin(ScopedActionMixin):
    model = PublicSection
    scope_action = "change"
    forbidden_message = services.REFUSAL


class SectionEditView(_KeeperMixin, TemplateView):
    """``/sections/<pk>/``: the editor — about, contacts, address, publication; the items by kind;
    the registry's documents that may be published with one click."""

    template_name = "openness/sections/edit.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.object
        items = list(selectors.items_of(section, include_unpublished=True))
        context.update(
            section=section,
            form=form or SectionForm(instance=section),
            public_url=selectors.public_url(section),
            groups=[
                (value, label, [i for i in items if i.kind == value])
                for value, label in SectionItemKind.choices
            ],
            documents=list(services.publishable_documents(section)[:50]),
            registry_form=RegistryPublishForm(),
        )
        return context

    def post(self, request, pk):
        form = SectionForm(request.POST, instance=PublicSection.objects.get(pk=self.object.pk))
        if form.is_valid():
            try:
                services.section_update(self.object, data=form.cleaned_data, by=request.user)
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Раздел сохранён.")
                return redirect("sections:edit", pk=self.object.pk)
        messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
        return self.render_to_response(self.get_context_data(form=form))


class SectionPublishView(_KeeperMixin, View):
    """POST ``/sections/<pk>/publish/`` with ``publish=1`` (publish) or ``0`` (back to a draft)."""

    def post(self, request, pk):
        publish = request.POST.get("publish") == "1"
        services.section_publish(self.object, by=request.user, published=publish)
        messages.success(request, "Раздел опубликован." if publish else "Раздел снят с публикации.")
        return redirect("sections:edit", pk=self.object.pk)


class RegistryPublishView(_KeeperMixin, View):
    """POST ``/sections/<pk>/registry/`` with ``document=<id>``: «Опубликовать из реестра»."""

    def post(self, request, pk):
        form = RegistryPublishForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Выберите документ из списка.")
            return redirect("sections:edit", pk=self.object.pk)
        document = (
            services.publishable_documents(self.object).filter(pk=form.cleaned_data["document"]).first()
        )
        if document is None:
            messages.error(request, "Этот документ нельзя опубликовать в разделе.")
            return redirect("sections:edit", pk=self.object.pk)
        try:
            services.item_publish_document(section=self.object, document=document, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Документ «{document.title}» опубликован в нормативной базе.")
        return redirect("sections:edit", pk=self.object.pk)


class ItemAddView(_KeeperMixin, TemplateView):
    """``/sections/<pk>/items/add/<kind>/``: a new item of ``kind`` (an unknown kind is a 404)."""

    template_name = "openness/sections/item_form.html"

    def kind(self) -> str:
        kind = self.kwargs["kind"]
        if kind not in SectionItemKind.values:
            raise Http404("Неизвестный вид материала.")
        return kind

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.kind()
        context.update(
            section=self.object,
            kind_label=SectionItemKind(kind).label,
            form=form or ItemForm(kind=kind),
            item=None,
        )
        return context

    def post(self, request, pk, kind):
        kind = self.kind()
        form = ItemForm(request.POST, request.FILES, kind=kind)
        if form.is_valid():
            try:
                services.item_save(
                    section=self.object, kind=kind, data=form.data_for_service(), by=request.user
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Материал добавлен.")
                return redirect("sections:edit", pk=self.object.pk)
        messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
        return self.render_to_response(self.get_context_data(form=form))


class _ItemKeeperMixin(ScopedActionMixin):
    model = SectionItem
    scope_action = "change"
    forbidden_message = services.REFUSAL

    def base_queryset(self):
        return SectionItem.objects.select_related("section", "section__unit")


class ItemEditView(_ItemKeeperMixin, TemplateView):
    """``/sections/items/<pk>/``: change an item."""

    template_name = "openness/sections/item_form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            section=item.section,
            kind_label=item.get_kind_display(),
            form=form or ItemForm(instance=item, kind=item.kind),
            item=item,
        )
        return context

    def post(self, request, pk):
        item = self.object
        form = ItemForm(
            request.POST, request.FILES, instance=SectionItem.objects.get(pk=item.pk), kind=item.kind
        )
        if form.is_valid():
            try:
                services.item_save(
                    section=item.section, item=item, data=form.data_for_service(), by=request.user
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Материал сохранён.")
                return redirect("sections:edit", pk=item.section_id)
        messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
        return self.render_to_response(self.get_context_data(form=form))


class ItemDeleteView(_ItemKeeperMixin, View):
    """POST ``/sections/items/<pk>/delete/``."""

    def post(self, request, pk):
        section_pk = self.object.section_id
        services.item_delete(item=self.object, by=request.user)
        messages.success(request, "Материал удалён.")
        return redirect("sections:edit", pk=section_pk)
