"""Forum forms. What was typed stays in the form through every error and preview;
nothing typed is ever put in the session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category, FlagReason
from .privacy_check import MAX_CHARS

TEXT_HELP = _(
    "Schrijf zonder namen, adressen, scholen of andere details waarmee iemand te herkennen "
    "is. Voor het plaatsen zie je hoe je bericht eruit komt te zien."
)


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Je bericht"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_CHARS,
        help_text=TEXT_HELP,
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Je bericht"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_CHARS,
        help_text=TEXT_HELP,
    )


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_CHARS
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom meld je dit bericht?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        help_text=_(
            'Kies "herleidbaar" als iemand in het bericht te herkennen is: het bericht '
            "verdwijnt dan meteen voor iedereen tot een moderator ernaar heeft gekeken."
        ),
    )


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Naar categorie"), queryset=Category.objects.all())
