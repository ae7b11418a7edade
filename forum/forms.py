"""Forum forms. What was typed stays in the form through every error and preview;
nothing typed is ever put in the session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import ModerationReason
from members.services import MAX_SUSPENSION_DAYS

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


class WarningForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"), choices=ModerationReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting voor het lid (niet verplicht)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Alleen het lid leest dit, bij de melding op de site; het gaat niet per e-mail. "
            "Schrijf zonder namen of andere herkenbare details."
        ),
    )


class SuspensionForm(forms.Form):
    days = forms.IntegerField(
        label=_("Aantal dagen"),
        min_value=1,
        max_value=MAX_SUSPENSION_DAYS,
        initial=7,
        error_messages={
            "min_value": _("Kies ten minste 1 dag."),
            "max_value": _("Kies ten hoogste %(limit_value)s dagen."),
        },
    )
    reason = forms.ChoiceField(
        label=_("Reden"), choices=ModerationReason.choices, widget=forms.RadioSelect
    )
