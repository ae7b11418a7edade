"""Forms of the course pages that are not Wagtail pages: the report filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .models import CoursePage, Register

# The largest id any backend stores (a signed 64-bit integer). A larger number
# makes SQLite raise OverflowError inside the query: refuse it in the form.
MAX_ID = 2**63 - 1
ERROR_BAD_ID = _("Kies een waarde uit de lijst.")


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses what cannot be an id before asking the
    database: digits only, within a 64-bit integer."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not text.isdecimal() or not 0 < int(text) <= MAX_ID:
            raise forms.ValidationError(ERROR_BAD_ID, code="invalid_choice")
        return super().to_python(text)


class ReportFilterForm(forms.Form):
    organisation = IdChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Al mijn organisaties"),
    )
    course = IdChoiceField(
        label=_("Cursus"),
        queryset=CoursePage.objects.none(),
        required=False,
        empty_label=_("Alle cursussen"),
    )
    register = forms.ChoiceField(
        label=_("Register (voor de presentielijst)"),
        choices=[("", "---------"), *Register.choices],
        required=False,
    )
    start = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, org_ids: frozenset[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        if org_ids is not None:
            organisations = organisations.filter(pk__in=org_ids)
        self.fields["organisation"].queryset = organisations
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Het einde ligt vóór het begin."))
        return cleaned


class RegisterNumberForm(forms.Form):
    """A register number the completion page asks for when the certificate has none."""

    register = forms.ChoiceField(
        choices=[(key, key) for key in ("SKJ", "Registerplein", "BIG", "V&VN")],
        widget=forms.HiddenInput,
    )
    number = forms.CharField(
        label=_("Je registratienummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class CertificateCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Certificaatcode"),
        help_text=_("Zoals op het certificaat, bijvoorbeeld HG-AB2C-DE3F-GH4J."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
