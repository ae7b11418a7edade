"""The author's form (no Wagtail admin needed) and the moderator's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from . import services
from .blocks import ERROR_ALT_TEXT_REQUIRED
from .models import Audience, AuthorDisplay, ContentWarning, StoryPage, Theme
from .services import Section, StoryContent

MAX_SECTIONS = 20


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=255)
    summary = forms.CharField(
        label=_("Korte samenvatting"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén of twee zinnen: waar gaat je verhaal over?"),
    )
    content_warning = forms.ChoiceField(
        label=_("Inhoudswaarschuwing"),
        choices=[("", _("Kies wat lezers vooraf moeten weten")), *ContentWarning.choices],
        help_text=_("Lezers zien deze waarschuwing voordat ze je verhaal lezen."),
    )
    content_warning_note = forms.CharField(
        label=_("Toelichting bij de waarschuwing"), max_length=250, required=False
    )
    themes = forms.MultipleChoiceField(
        label=_("Thema's"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    author_display = forms.ChoiceField(
        label=_("Hoe word je genoemd?"),
        choices=AuthorDisplay.choices,
        widget=forms.RadioSelect,
        initial=AuthorDisplay.ANONYMOUS,
    )
    pseudonym = forms.CharField(
        label=_("Schrijversnaam"),
        max_length=80,
        required=False,
        help_text=_("Alleen als je met een schrijversnaam genoemd wilt worden."),
    )
    audience = forms.ChoiceField(
        label=_("Wie mag je verhaal lezen?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.MEMBERS,
    )
    allow_discussion = forms.BooleanField(
        label=_("Leden mogen met elkaar over mijn verhaal in gesprek"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("author_display") == AuthorDisplay.PSEUDONYM
            and not (cleaned.get("pseudonym") or "").strip()
        ):
            self.add_error("pseudonym", _("Vul een schrijversnaam in, of kies voor 'anoniem'."))
        return cleaned


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Tussenkop"), max_length=120, required=False)
    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Laat een lege regel tussen twee alinea's."),
    )
    quote = forms.CharField(
        label=_("Citaat"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Een zin uit dit deel die je wilt laten opvallen."),
    )
    # The upload itself is stored by the view (services.store_story_image) before
    # the form is bound, so a later error never asks for the file again.
    image = forms.ImageField(
        label=_("Afbeelding"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "Een foto of tekening bij dit deel (JPEG, PNG of WebP). Locatie, camera en "
            "andere gegevens in het bestand halen we eraf."
        ),
    )
    alt_text = forms.CharField(
        label=_("Beschrijving van de afbeelding"),
        max_length=services.ALT_TEXT_MAX,
        required=False,
        help_text=_(
            "Wat de afbeelding laat zien, voor wie haar niet kan zien. "
            "Verplicht bij een afbeelding."
        ),
    )
    image_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remove_image = forms.BooleanField(label=_("Afbeelding weghalen"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.image_id_value() is None:
            del self.fields["remove_image"]

    def image_id_value(self) -> int | None:
        raw = self["image_id"].value()
        try:
            return int(raw) if raw not in (None, "") else None
        except (TypeError, ValueError):
            return None

    @cached_property
    def current_image(self) -> Any:
        image_id = self.image_id_value()
        if image_id is None:
            return None
        return get_image_model().objects.filter(pk=image_id).first()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_image = cleaned.get("image_id") is not None and not cleaned.get("remove_image")
        if has_image and not (cleaned.get("alt_text") or "").strip():
            self.add_error("alt_text", ERROR_ALT_TEXT_REQUIRED)
        return cleaned


SectionFormSet = formset_factory(
    SectionForm, extra=0, max_num=MAX_SECTIONS, absolute_max=MAX_SECTIONS
)

ERROR_NO_TEXT = _("Schrijf je verhaal in minstens één deel.")


def initial_from_page(page: StoryPage) -> tuple[dict[str, Any], list[dict[str, str]]]:
    content = StoryContent.from_page(page)
    story = {
        "title": content.title,
        "summary": content.summary,
        "content_warning": content.content_warning,
        "content_warning_note": content.content_warning_note,
        "themes": list(content.themes),
        "author_display": content.author_display,
        "pseudonym": content.pseudonym,
        "audience": content.audience,
        "allow_discussion": content.allow_discussion,
    }
    sections = [
        {
            "heading": s.heading,
            "text": s.text,
            "quote": s.quote,
            "alt_text": s.alt_text,
            "image_id": s.image_id,
        }
        for s in content.sections
    ]
    return story, sections or [{}]


def content_from_forms(form: StoryForm, sections: Any) -> StoryContent:
    data = form.cleaned_data
    return StoryContent(
        title=data["title"],
        summary=data["summary"],
        sections=tuple(
            Section(
                s.get("heading", ""),
                s.get("text", ""),
                s.get("quote", ""),
                alt_text=s.get("alt_text", "") if not s.get("remove_image") else "",
                image_id=None if s.get("remove_image") else s.get("image_id"),
            )
            for s in sections.cleaned_data
            if s
        ),
        content_warning=data["content_warning"],
        content_warning_note=data["content_warning_note"],
        themes=tuple(data["themes"]),
        author_display=data["author_display"],
        pseudonym=data["pseudonym"],
        audience=data["audience"],
        allow_discussion=data["allow_discussion"],
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Bericht aan de schrijver"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht als je om een wijziging vraagt."),
    )
