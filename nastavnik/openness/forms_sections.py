"""Forms of the editor of the section «Наставничество» (issue 19; seed 000 §4.1.2, 003 §2.2). They only
collect and clean input; the services of ``openness.services.sections`` check and save it."""

from __future__ import annotations

from django import forms

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.openness.choices import ActKind, ActLevel, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionItem


class SectionForm(forms.ModelForm):
    """The section's text and address: about, the curator's contacts, the slug."""

    class Meta:
        model = PublicSection
        fields = ["about", "contacts", "slug"]
        widgets = {
            "about": forms.Textarea(attrs={"rows": 6}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": "Часть публичного адреса: строчные латинские буквы, цифры и дефисы."}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].validators = []  # checked by the service, with Russian messages
        bootstrap_widgets(self.fields)

    def validate_unique(self):
        """The service says when the address is taken."""


#: The fields of each kind of item, in the order they are shown.
KIND_FIELDS = {
    SectionItemKind.LEGAL_ACT: [
        "act_level",
        "act_kind",
        "title",
        "number",
        "dated",
        "file",
        "url",
        "is_published",
    ],
    SectionItemKind.MATERIAL: ["title", "body", "dated", "file", "url", "is_published"],
    SectionItemKind.NEWS: ["title", "dated", "body", "file", "is_published"],
    SectionItemKind.EVENT: ["title", "dated", "body", "url", "file", "is_published"],
}


class ItemForm(forms.ModelForm):
    """An item of the kind ``kind``: only that kind's fields (:data:`KIND_FIELDS`)."""

    url = forms.URLField(label="Ссылка", required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = SectionItem
        fields = ["act_level", "act_kind", "title", "number", "dated", "body", "file", "url", "is_published"]
        widgets = {
            "dated": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"dated": "Дата", "is_published": "Показывать на публичной странице"}

    def __init__(self, *args, kind: str, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in list(self.fields):
            if name not in KIND_FIELDS[kind]:
                del self.fields[name]
        if "act_level" in self.fields:
            self.fields["act_level"].choices = [("", "— выберите —"), *ActLevel.choices]
            self.fields["act_kind"].choices = [("", "— выберите —"), *ActKind.choices]
        if "file" in self.fields:
            self.fields["file"].help_text = "PDF, DOCX, ODT, JPG, PNG или TIFF, до 20 МБ."
        if kind in (SectionItemKind.NEWS, SectionItemKind.EVENT):
            self.fields["dated"].required = True
            self.fields["dated"].label = "Дата события" if kind == SectionItemKind.EVENT else "Дата новости"
        if kind == SectionItemKind.EVENT:
            self.fields["url"].label = "Ссылка на страницу мероприятия"
        bootstrap_widgets(self.fields)

    def _post_clean(self):
        """The model is checked by the service (``item_save``), not here."""

    def data_for_service(self) -> dict:
        """``cleaned_data`` of the kind's fields (``file``: the upload, ``False`` to clear, or
        absent when unchanged)."""
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        if "file" in data and "file" not in self.changed_data:
            data.pop("file")
        for name in ("title", "number", "body", "url", "act_level", "act_kind"):
            if name in data and data[name] is None:
                data[name] = ""
        return data


class RegistryPublishForm(forms.Form):
    """«Опубликовать из реестра»: the document chosen by its id (any string is safe)."""

    document = forms.IntegerField(min_value=1, max_value=2_000_000_000, error_messages={
        "invalid": "Выберите документ из списка.", "required": "Выберите документ из списка.",
        "min_value": "Выберите документ из списка.", "max_value": "Выберите документ из списка.",
    })  # fmt: skip
