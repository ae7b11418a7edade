"""Intervisie forms. What was typed stays in the form through every error and
preview; nothing typed is put in the session."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from . import services
from .models import MAX_TEXT_CHARS, Audience, Method, Mode

TEXT_HELP = _(
    "Schrijf zonder namen, adressen, scholen of andere details waarmee iemand te herkennen "
    "is. Voor het plaatsen zie je hoe je tekst eruit komt te zien."
)


NEW_CASE = "nieuw"


def _case_choice(value: str) -> int | None:
    return None if value == NEW_CASE else int(value)


class PlanForm(forms.Form):
    case = forms.TypedChoiceField(
        label=_("Casus"),
        coerce=_case_choice,
        help_text=_(
            "Een casus uit de bibliotheek, of een nieuwe die de inbrenger inbrengt: die gaat "
            "door de privacycontrole en de moderatie, en de sessie begint pas als hij is "
            "goedgekeurd."
        ),
    )
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
        help_text=_(
            "Dit adres krijgt een e-mail met de vraag om inbrenger te zijn. De inbrenger "
            "bevestigt na inloggen met een goedgekeurd account op dit adres; pas daarna "
            "kan de sessie beginnen. Telt mee als deelnemer."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Wie mag meedoen"),
        choices=Audience.choices,
        initial=Audience.INVITED,
        widget=forms.RadioSelect,
        help_text=_(
            "Samen met de inbrenger 3 tot 12 deelnemers. Bij aanmelden door een organisatie of "
            "de regio begint de sessie pas als er minstens 3 zijn."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie (bij aanmelden door een organisatie)"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
    )
    participants = forms.CharField(
        label=_("E-mailadressen van de deelnemers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "Een adres per regel. Iedereen krijgt een e-mail: wie een goedgekeurd account "
            "heeft de uitnodiging met de link, anders hoe je meedoet. Bij een open sessie "
            "mag dit leeg blijven: leden melden zich dan zelf aan."
        ),
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
        self.fields["case"].choices = [
            *((case.pk, case.title) for case in cases),
            (NEW_CASE, _("Nieuwe casus: de inbrenger brengt hem in")),
        ]

    def clean_inbrenger(self) -> str:
        """The address, lower-cased: whoever it belongs to is asked by e-mail and
        confirms (services.confirm_inbrenger). The form answers alike for a member's
        address and any other (no account enumeration)."""
        return self.cleaned_data["inbrenger"].strip().lower()

    def clean_participants(self) -> services.Invitees:
        """The members among the addresses and the other addresses: both are invited,
        and the form answers alike for either (no account enumeration)."""
        lines = self.cleaned_data["participants"].replace(",", "\n").splitlines()
        for line in lines:
            if line.strip():
                forms.EmailField().clean(line.strip())
        return services.invitees_by_email(lines)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("audience") == Audience.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", services.ERROR_NO_ORGANISATION)
        return data


class AttachCaseForm(forms.Form):
    case = forms.TypedChoiceField(label=_("Jouw ingebrachte casus"), coerce=int)

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [
            (case.pk, f"{case.title} ({case.get_status_display()})") for case in cases
        ]


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Je bijdrage"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT_CHARS,
        help_text=TEXT_HELP,
    )


class AskInbrengerForm(forms.Form):
    """The planner asks another address as the inbrenger's while the one asked has
    not confirmed (services.ask_another_inbrenger)."""

    inbrenger = forms.EmailField(
        label=_("Een ander vragen als inbrenger: e-mailadres"),
        help_text=_(
            "Dit adres krijgt de vraag om inbrenger te zijn; het eerder gevraagde adres kan "
            "dan niet meer bevestigen. Wie eerder gevraagd was en al meedoet, blijft "
            "deelnemer en krijgt daarvan bericht."
        ),
    )

    def clean_inbrenger(self) -> str:
        return self.cleaned_data["inbrenger"].strip().lower()


class ExtendForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minuten erbij"), min_value=1, max_value=120, initial=5)


class ReflectionForm(forms.Form):
    happened = forms.CharField(
        label=_("Wat gebeurde er?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.REFLECTION_PART_CHARS,
    )
    felt = forms.CharField(
        label=_("Wat voelde en dacht ik?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.REFLECTION_PART_CHARS,
    )
    means = forms.CharField(
        label=_("Wat betekent het voor mij?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.REFLECTION_PART_CHARS,
    )
    will_do = forms.CharField(
        label=_("Wat ga ik doen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.REFLECTION_PART_CHARS,
    )
