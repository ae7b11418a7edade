"""Forms of the course pages that are not Wagtail pages: the report filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .models import CoursePage, Register


class ReportFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Al mijn organisaties"),
    )
    course = forms.ModelChoiceField(
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
