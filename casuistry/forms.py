"""The guided intake, the library's filters and the moderator's small forms.

The intake form never reaches the database by itself: its cleaned data goes to
``casuistry.services.submit_case``, which redacts it again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

import privacy

from .methods import (
    MAX_PART_CHARS,
    MAX_TITLE_CHARS,
    AgeBand,
    MeldcodeStep,
    Method,
    PeerRequest,
    Setting,
    ViolenceForm,
    parts_for,
)
from .services import ERROR_EMPTY_PART, ERROR_TOO_LONG

PART_PREFIX = "deel_"
CONFIRMED_PREFIX = "bevestigd_"


class MethodChoiceForm(forms.Form):
    methode = forms.ChoiceField(
        label=_("Met welke reflectiemethode wil je de casus inbrengen?"),
        choices=Method.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "De methode bepaalt welke vragen je beantwoordt. Twijfel je? Kies de "
            "incidentmethode: die is het kortst."
        ),
    )


class CaseForm(forms.Form):
    """Mostly choices: less free text means less identifying detail written at all."""

    method = forms.ChoiceField(choices=Method.choices, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Titel"),
        help_text=_(
            "Een korte titel over het thema, bijvoorbeeld 'Twijfel na een huisbezoek'. "
            "Geen namen, plaatsen of scholen."
        ),
    )
    setting = forms.ChoiceField(
        label=_("Werkveld"),
        choices=[("", _("Kies je werkveld")), *Setting.choices],
        help_text=_("Kies het werkveld, niet je organisatie of team."),
    )
    age_bands = forms.MultipleChoiceField(
        label=_("Leeftijden van de betrokkenen"),
        choices=AgeBand.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kies een of meer groepen. Schrijf de precieze leeftijd nergens in de tekst: "
            "samen met andere details maakt die een gezin herkenbaar."
        ),
    )
    violence_forms = forms.MultipleChoiceField(
        label=_("Vormen van geweld"),
        choices=ViolenceForm.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies wat je zag of vermoedde. Meer keuzes mag."),
    )
    meldcode_step = forms.TypedChoiceField(
        label=_("Tot welke stap van de Meldcode kwam je?"),
        choices=MeldcodeStep.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    peer_request = forms.ChoiceField(
        label=_("Wat vraag je van collega's?"),
        choices=PeerRequest.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, method: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.method = method
        self.fields["method"].initial = method
        for part in parts_for(method):
            self.fields[PART_PREFIX + part.key] = forms.CharField(
                label=part.label,
                help_text=part.guidance,
                required=False,  # checked below with our own Dutch message
                strip=True,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    @property
    def part_fields(self) -> list[forms.BoundField]:
        return [self[PART_PREFIX + part.key] for part in parts_for(self.method)]

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if len(title) > MAX_TITLE_CHARS:
            raise forms.ValidationError(ERROR_TOO_LONG)
        return title

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("method") and data["method"] != self.method:
            raise forms.ValidationError(_("Kies de methode opnieuw."))
        for part in parts_for(self.method):
            name = PART_PREFIX + part.key
            text = data.get(name, "")
            if not text:
                self.add_error(name, ERROR_EMPTY_PART)
            elif len(text) > MAX_PART_CHARS:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Deze tekst is te lang: %(length)s tekens, maximaal %(max)s.")
                        % {"length": len(text), "max": MAX_PART_CHARS}
                    ),
                )
        return data

    def texts(self) -> dict[str, str]:
        """The free text of the form, title first, keyed as the service stores it."""
        texts = {"title": self.cleaned_data["title"]}
        for part in parts_for(self.method):
            texts[part.key] = self.cleaned_data[PART_PREFIX + part.key]
        return texts

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "method": self.method,
            "setting": data["setting"],
            "age_bands": data["age_bands"],
            "violence_forms": data["violence_forms"],
            "meldcode_step": data["meldcode_step"],
            "peer_request": data["peer_request"],
            "parts": {part.key: data[PART_PREFIX + part.key] for part in parts_for(self.method)},
        }

    def field_for(self, key: str) -> str | None:
        if key == "title":
            return "title"
        name = PART_PREFIX + key
        return name if name in self.fields else None


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    vorm = forms.ChoiceField(
        label=_("Vorm van geweld"),
        required=False,
        choices=[("", _("Alle vormen")), *ViolenceForm.choices],
    )
    werkveld = forms.ChoiceField(
        label=_("Werkveld"), required=False, choices=[("", _("Alle werkvelden")), *Setting.choices]
    )
    stap = forms.TypedChoiceField(
        label=_("Stap van de Meldcode"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle stappen")), *MeldcodeStep.choices],
    )
    leeftijd = forms.ChoiceField(
        label=_("Leeftijd"), required=False, choices=[("", _("Alle leeftijden")), *AgeBand.choices]
    )
    methode = forms.ChoiceField(
        label=_("Methode"), required=False, choices=[("", _("Alle methodes")), *Method.choices]
    )


LABEL_CHOICES = [(str(label), str(label)) for label in privacy.Label]


class RedactForm(forms.Form):
    """Redact by selection: a part and either offsets or the exact text to replace."""

    # The review page holds several forms; this one says which it is.
    action = forms.CharField(widget=forms.HiddenInput, initial="redact")
    part = forms.ChoiceField(label=_("Deel"))
    phrase = forms.CharField(
        label=_("Precieze tekst die weg moet"),
        required=False,
        max_length=MAX_PART_CHARS,
        help_text=_("Elke plek waar deze tekst in het deel staat, wordt vervangen."),
    )
    start = forms.IntegerField(label=_("Vanaf teken"), required=False, min_value=0)
    end = forms.IntegerField(label=_("Tot teken"), required=False, min_value=1)
    label = forms.ChoiceField(label=_("Vervangen door"), choices=LABEL_CHOICES)

    def __init__(self, *args: Any, parts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = parts

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_span = data.get("start") is not None and data.get("end") is not None
        if not data.get("phrase") and not has_span:
            raise forms.ValidationError(_("Vul de tekst in die weg moet, of de tekens."))
        return data


class TitleForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=MAX_TITLE_CHARS)


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Bericht voor de inbrenger"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_PART_CHARS,
        help_text=_("De inbrenger leest dit bij Mijn casussen. Noem geen namen."),
    )
