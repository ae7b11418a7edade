"""StreamField blocks and rich-text feature lists shared by courses and stories.

One definition of what an editor may format and of the notice ("kader") that a
reader must not miss, so a lesson and a story look and behave alike."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Rich text inside a block (a notice, a step, a transcript): no top-level headings.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]
# A page's running text: may open sections with a level-2 heading.
BODY_TEXT_FEATURES = ["h2", *RICH_TEXT_FEATURES]
# A notice is short by nature; the bound keeps every page that shows one cheap.
NOTICE_TEXT_MAX_CHARS = 2_000


class CalloutValue(blocks.StructValue):
    def css_modifier(self) -> str:
        return {"warning": "warning", "help": "ok"}.get(self.get("kind"), "info")


class CalloutBlock(blocks.StructBlock):
    """A notice: good to know, a warning, or where to get help."""

    kind = blocks.ChoiceBlock(
        label=_("soort"),
        choices=[
            ("info", _("Goed om te weten")),
            ("warning", _("Let op")),
            ("help", _("Hulp en advies")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("kop"), max_length=120)
    text = blocks.RichTextBlock(
        label=_("tekst"), features=RICH_TEXT_FEATURES, max_length=NOTICE_TEXT_MAX_CHARS
    )

    class Meta:
        icon = "warning"
        label = _("Kader")
        template = "editorial/blocks/callout.html"
        value_class = CalloutValue
        help_text = _("Een opvallend kader voor iets dat de lezer niet mag missen.")
        preview_value = {
            "kind": "help",
            "title": "Twijfel je? Bel Veilig Thuis",
            "text": "<p>0800-2000, gratis en dag en nacht bereikbaar.</p>",
        }
