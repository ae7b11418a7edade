"""Forms of the site shell."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
EMPTY_QUERY = _("Vul in waar je naar zoekt.")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Waar zoek je naar?"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={"required": EMPTY_QUERY},
        # No autofill: on a shared computer the browser's list of earlier
        # searches would show someone what was looked up here.
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_bound and self.is_valid() else ""
