"""Intervisie forms. What was typed stays in the form through every error and
preview; nothing typed is put in the session."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import MAX_TEXT_CHARS, Method, Mode

TEXT_HELP = _(
    "Schrijf zonder namen, adressen, scholen of andere details waarmee iemand te herkennen "
    "is. Voor het plaatsen zie je hoe je tekst eruit komt te zien."
)


class PlanForm(forms.Form):
    case = forms.TypedChoiceField(label=_("Casus uit de bibliotheek"), coerce=int)
    method = forms.ModelChoiceField(label=_("Methode"), queryset=Method.objects.all())
    mode = forms.ChoiceField(label=_("Werkwijze"), choices=Mode.choices, initial=Mode.LIVE)
    starts_at = forms.DateTimeField(
        label=_("Begint op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    async_days_per_phase = forms.IntegerField(
        label=_("Dagen per fase (alleen asynchroon)"), min_value=1, max_value=14, initial=2
    )
    inbrenger = forms.EmailField(
        label=_("E-mailadres van de inbrenger"),
        help_text=_("Een goedgekeurd lid; telt mee als deelnemer."),
    )
    participants = forms.CharField(
        label=_("E-mailadressen van de deelnemers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Een adres per regel; samen met de inbrenger 3 tot 12 deelnemers."),
    )
    keep_text = forms.TypedChoiceField(
        label=_("Tekst van de sessie"),
        choices=[
            ("ja", _("Bewaren voor de deelnemers")),
            ("nee", _("Niet bewaren: verwijderen na de sessie")),
        ],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        initial="ja",
    )

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [(case.pk, case.title) for case in cases]

    def clean_inbrenger(self) -> Any:
        return services.members_by_email([self.cleaned_data["inbrenger"]])[0]

    def clean_participants(self) -> list[Any]:
        lines = self.cleaned_data["participants"].replace(",", "\n").splitlines()
        return services.members_by_email(lines)


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Je bijdrage"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT_CHARS,
        help_text=TEXT_HELP,
    )


class ExtendForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minuten erbij"), min_value=1, max_value=120, initial=5)


class ReflectionForm(forms.Form):
    happened = forms.CharField(
        label=_("Wat gebeurde er?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    felt = forms.CharField(
        label=_("Wat voelde en dacht ik?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    means = forms.CharField(
        label=_("Wat betekent het voor mij?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    will_do = forms.CharField(
        label=_("Wat ga ik doen?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
