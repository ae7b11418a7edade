"""The blocks a story is made of: sections of the author's own text, each with an
optional quote and an optional image (with a required description), and the
editors' notice from `editorial`.

A section's text is plain text (paragraphs split by a blank line): the author
writes it in the site's own form, and plain text goes back into that form
unchanged, so nothing is lost between writing, checking and editing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from editorial.blocks import CalloutBlock

ERROR_ALT_TEXT_REQUIRED = _("Beschrijf wat de afbeelding laat zien (alternatieve tekst).")


class StorySectionValue(blocks.StructValue):
    def paragraphs(self) -> list[str]:
        text = self.get("text") or ""
        return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


class StorySectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tussenkop"), required=False, max_length=120)
    text = blocks.TextBlock(
        label=_("tekst"), help_text=_("Laat een lege regel tussen twee alinea's.")
    )
    quote = blocks.TextBlock(
        label=_("citaat"),
        required=False,
        max_length=400,
        help_text=_("Een zin uit dit deel die je wilt laten opvallen."),
    )
    image = ImageChooserBlock(label=_("afbeelding"), required=False)
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        required=False,
        max_length=250,
        help_text=_(
            "Wat de afbeelding laat zien, voor wie haar niet kan zien. Verplicht bij een beeld."
        ),
    )

    def clean(self, value: Any) -> Any:
        cleaned = super().clean(value)
        if cleaned.get("image") and not (cleaned.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(ERROR_ALT_TEXT_REQUIRED)}
            )
        return cleaned

    class Meta:
        icon = "doc-full"
        label = _("Deel van het verhaal")
        template = "stories/blocks/section.html"
        value_class = StorySectionValue
        help_text = _("Een deel van het verhaal, met een citaat of afbeelding als je wilt.")
        preview_value = {
            "heading": "Het begin",
            "text": "Het begon klein.\n\nPas later zag ik hoe groot het was.",
            "quote": "Ik dacht dat het aan mij lag.",
        }


class StoryStreamBlock(blocks.StreamBlock):
    section = StorySectionBlock()
    callout = CalloutBlock()

    class Meta:
        block_counts = {"section": {"min_num": 1}}
