"""StreamField blocks for the help guide.

The help pages answer the same few questions for different readers (who can
help, what happens when you call, can you stay anonymous), so the blocks are
those questions' shapes: a way in (a contact), a question with its answer,
and a notice. Presentation choices live in the StructValue classes, not in
the templates."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class ContactValue(blocks.StructValue):
    def phone_uri(self) -> str:
        """A tel: link that phones dial: 0800-2000 becomes tel:08002000."""
        digits = re.sub(r"[^\d+]", "", self.get("phone") or "")
        return f"tel:{digits}" if digits else ""

    def facts(self) -> list[str]:
        """The promises a reader scans for first, in a fixed order."""
        facts = []
        if self.get("free"):
            facts.append(_("gratis"))
        if self.get("anonymous"):
            facts.append(_("anoniem als je wilt"))
        if self.get("hours"):
            facts.append(self["hours"])
        return facts


class ContactBlock(blocks.StructBlock):
    """One way in: Veilig Thuis, 112, the local team, the huisarts."""

    name = blocks.CharBlock(label=_("naam"), max_length=120)
    description = blocks.TextBlock(
        label=_("wanneer en waarvoor"),
        help_text=_("Eén of twee korte zinnen: wanneer neem je contact op en wat doen zij?"),
    )
    phone = blocks.CharBlock(
        label=_("telefoonnummer"), required=False, max_length=30, help_text=_("Bijv. 0800-2000")
    )
    hours = blocks.CharBlock(
        label=_("bereikbaar"),
        required=False,
        max_length=80,
        help_text=_("Bijv. 24 uur per dag, 7 dagen per week"),
    )
    free = blocks.BooleanBlock(label=_("gratis"), required=False)
    anonymous = blocks.BooleanBlock(label=_("anoniem mogelijk"), required=False)
    link_url = blocks.URLBlock(
        label=_("link"), required=False, help_text=_("Bijv. de chat of de website")
    )
    link_text = blocks.CharBlock(
        label=_("linktekst"),
        required=False,
        max_length=80,
        help_text=_("Bijv. Chat met Veilig Thuis"),
    )

    class Meta:
        icon = "mail"
        label = _("Contact")
        template = "leerwerkplaats/blocks/contact.html"
        value_class = ContactValue
        help_text = _("Een instantie of persoon bij wie de lezer terecht kan.")
        preview_value = {
            "name": "Veilig Thuis Rotterdam-Rijnmond",
            "description": "Voor advies of een melding over geweld thuis.",
            "phone": "0800-2000",
            "hours": "24 uur per dag, 7 dagen per week",
            "free": True,
            "anonymous": True,
        }
        preview_description = _("Een contactblok met telefoonnummer en bereikbaarheid.")


class QuestionBlock(blocks.StructBlock):
    """A question readers ask, as a heading, with a plain answer."""

    question = blocks.CharBlock(label=_("vraag"), max_length=160)
    answer = blocks.RichTextBlock(label=_("antwoord"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")
        template = "leerwerkplaats/blocks/question.html"
        help_text = _("De vraag wordt een kop; schrijf het antwoord in eenvoudige taal (B1).")
        preview_value = {
            "question": "Kan ik anoniem blijven?",
            "answer": "<p>Ja. Je hoeft je naam niet te noemen.</p>",
        }
        preview_description = _("Een vraag als kop met het antwoord eronder.")


class NoticeBlock(blocks.StructBlock):
    """A short message that must stand out, e.g. 'in danger: call 112'."""

    kind = blocks.ChoiceBlock(
        label=_("soort"),
        choices=[("info", _("informatie")), ("warning", _("waarschuwing"))],
        default="info",
    )
    text = blocks.RichTextBlock(label=_("tekst"), features=["bold", "link"])

    class Meta:
        icon = "warning"
        label = _("Melding")
        template = "leerwerkplaats/blocks/notice.html"
        help_text = _("Gebruik spaarzaam: alleen voor wat de lezer niet mag missen.")
        preview_value = {
            "kind": "warning",
            "text": "<p>Is er nu gevaar? Bel <b>112</b>.</p>",
        }
        preview_description = _("Een opvallende melding.")


class HelpStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("tekst"),
        features=["h2", *RICH_TEXT_FEATURES],
        template="leerwerkplaats/blocks/text.html",
        help_text=_("Gewone tekst. Korte zinnen, één onderwerp per alinea."),
        icon="pilcrow",
        preview_value="<p>Praat erover met iemand die je vertrouwt.</p>",
        preview_description=_("Gewone tekst."),
    )
    contact = ContactBlock()
    question = QuestionBlock()
    notice = NoticeBlock()

    class Meta:
        block_counts = {"contact": {"min_num": 1}}
