"""The blocks a lesson is made of.

Questions and scenarios carry their answers and branches in the block's value;
the templates never print them before the learner has answered: grading and
branching happen on the server (courses.services)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from editorial.blocks import BODY_TEXT_FEATURES, RICH_TEXT_FEATURES, CalloutBlock

from . import rules

MELDCODE_STEPS = {
    1: _("Stap 1: Breng signalen in kaart"),
    2: _("Stap 2: Overleg met een collega en raadpleeg zo nodig Veilig Thuis"),
    3: _("Stap 3: Gesprek met de cliënt"),
    4: _("Stap 4: Weeg het huiselijk geweld of de kindermishandeling"),
    5: _("Stap 5: Beslis: is melden noodzakelijk en is hulp (ook) mogelijk?"),
}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_("Wat de afbeelding laat zien, voor wie haar niet kan zien. Verplicht."),
    )
    caption = blocks.CharBlock(label=_("onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "courses/blocks/image.html"
        help_text = _("Een afbeelding met een verplichte beschrijving.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video-adres"), help_text=_("Het adres van de video."))
    title = blocks.CharBlock(label=_("titel"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("transcriptie"),
        features=RICH_TEXT_FEATURES,
        max_length=rules.BODY_TEXT_MAX_CHARS,
        help_text=_("De volledige tekst van de video. Verplicht: niet iedereen kan de video zien"),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"
        help_text = _(
            "Een video met verplichte transcriptie. De video wordt als link getoond, zodat er "
            "geen externe diensten in de pagina laden."
        )
        preview_value = {
            "video": "https://www.youtube.com/watch?v=example",
            "title": "Voorbeeldvideo",
            "transcript": "<p>De tekst van de video.</p>",
        }


class MeldcodeStepValue(blocks.StructValue):
    def step_title(self) -> str:
        return str(MELDCODE_STEPS.get(int(self.get("step") or 0), ""))


class MeldcodeStepBlock(blocks.StructBlock):
    step = blocks.ChoiceBlock(
        label=_("stap"),
        choices=[(str(number), title) for number, title in MELDCODE_STEPS.items()],
    )
    asks = blocks.RichTextBlock(
        label=_("wat deze stap van je vraagt"),
        features=RICH_TEXT_FEATURES,
        max_length=rules.RICH_TEXT_MAX_CHARS,
    )

    class Meta:
        icon = "list-ol"
        label = _("Stap van de Meldcode")
        template = "courses/blocks/meldcode_step.html"
        value_class = MeldcodeStepValue
        help_text = _("Eén van de vijf stappen van de Meldcode en wat die stap vraagt.")
        preview_value = {"step": "1", "asks": "<p>Leg signalen feitelijk vast.</p>"}


class AnswerOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("antwoord"), max_length=300)
    correct = blocks.BooleanBlock(label=_("juist"), required=False)
    feedback = blocks.TextBlock(
        max_length=rules.BLOCK_TEXT_MAX_CHARS,
        label=_("uitleg bij dit antwoord"),
        help_text=_(
            "Waarom dit antwoord juist of onjuist is. De deelnemer ziet dit na antwoorden."
        ),
    )

    class Meta:
        icon = "radio-full"
        label = _("Antwoordmogelijkheid")


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("vraag"), max_length=rules.BLOCK_TEXT_MAX_CHARS)
    multiple = blocks.BooleanBlock(
        label=_("meer antwoorden mogelijk"),
        required=False,
        help_text=_(
            "Aangevinkt: meerkeuze met meer juiste antwoorden. Anders: één juist antwoord."
        ),
    )
    options = blocks.ListBlock(AnswerOptionBlock(), label=_("antwoorden"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Kennisvraag")
        template = "courses/blocks/question.html"
        help_text = _(
            "Telt mee voor de toets van de les. De juiste antwoorden komen pas na antwoorden "
            "in de pagina."
        )
        preview_value = {
            "question": "Wat is stap 1 van de Meldcode?",
            "multiple": False,
            "options": [
                {"text": "Signalen in kaart brengen", "correct": True, "feedback": "Juist."},
                {"text": "Melden bij Veilig Thuis", "correct": False, "feedback": "Dat is later."},
            ],
        }

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Markeer minstens één juist antwoord."))}
            )
        if not value["multiple"] and correct > 1:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(
                        _("Bij één juist antwoord mag maar één antwoord juist zijn.")
                    )
                }
            )
        return value


class ScenarioChoiceBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("keuze"), max_length=200)
    consequence = blocks.TextBlock(
        max_length=rules.BLOCK_TEXT_MAX_CHARS,
        label=_("gevolg en uitleg"),
        help_text=_("Wat er gebeurt na deze keuze, en waarom."),
    )
    next_step = blocks.IntegerBlock(
        label=_("volgende stap"),
        min_value=0,
        default=0,
        help_text=_("Het nummer van de stap die volgt (1 is de eerste). 0: de casus eindigt."),
    )

    class Meta:
        icon = "arrow-right"
        label = _("Keuze")


class ScenarioStepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        label=_("situatie"), features=RICH_TEXT_FEATURES, max_length=rules.RICH_TEXT_MAX_CHARS
    )
    choices = blocks.ListBlock(ScenarioChoiceBlock(), label=_("keuzes"), min_num=1)

    class Meta:
        icon = "placeholder"
        label = _("Stap in de casus")


class ScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=200)
    introduction = blocks.RichTextBlock(
        label=_("de casus"), features=RICH_TEXT_FEATURES, max_length=rules.RICH_TEXT_MAX_CHARS
    )
    steps = blocks.ListBlock(ScenarioStepBlock(), label=_("stappen"), min_num=1)

    class Meta:
        icon = "site"
        label = _("Casus met keuzes")
        template = "courses/blocks/scenario.html"
        help_text = _(
            "Een korte casus: elke keuze leidt naar een gevolg met uitleg en naar een volgende "
            "stap. Stappen zijn genummerd in volgorde, vanaf 1."
        )

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        count = len(value["steps"])
        for step in value["steps"]:
            for choice in step["choices"]:
                if choice["next_step"] > count:
                    raise StructBlockValidationError(
                        block_errors={
                            "steps": ValidationError(
                                _("Een keuze verwijst naar stap %(n)s, maar er zijn %(count)s.")
                                % {"n": choice["next_step"], "count": count}
                            )
                        }
                    )
        return value


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("reflectievraag"), max_length=rules.PROMPT_MAX_CHARS)
    guidance = blocks.TextBlock(
        label=_("hulp bij het nadenken"), required=False, max_length=rules.PROMPT_MAX_CHARS
    )

    class Meta:
        icon = "edit"
        label = _("Reflectievraag")
        template = "courses/blocks/reflection.html"
        help_text = _(
            "Het antwoord van de deelnemer staat alleen in diens eigen leerdossier; niemand "
            "anders ziet het."
        )
        preview_value = {"prompt": "Wanneer had jij een niet-pluisgevoel?", "guidance": ""}


class ResourceBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("titel"), max_length=200)
    description = blocks.TextBlock(
        label=_("beschrijving"), required=False, max_length=rules.BLOCK_TEXT_MAX_CHARS
    )

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "courses/blocks/resource.html"
        help_text = _("Een document om te downloaden, zoals een stappenplan of checklist.")


class StoryLinkBlock(blocks.StructBlock):
    """A story by an ervaringsdeskundige, linked from a lesson. The story is named by
    its page type only (courses never imports stories): the block shows it when it is
    live and the reader may read it (the page answers `can_be_read_by(user)`), with
    its content warning before the link; a members-only story stays out of sight for
    anyone else."""

    story = blocks.PageChooserBlock(label=_("verhaal"), page_type="stories.StoryPage")
    introduction = blocks.TextBlock(
        label=_("inleiding"),
        required=False,
        max_length=rules.BLOCK_TEXT_MAX_CHARS,
        help_text=_("Waarom dit verhaal bij de les hoort (optioneel)."),
    )

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None)
        page = value.get("story")
        story = page.specific if page is not None and page.live else None
        readable = getattr(story, "can_be_read_by", None)
        context["story"] = story if readable is not None and readable(user) else None
        return context

    class Meta:
        icon = "openquote"
        label = _("Verhaal")
        template = "courses/blocks/story_link.html"
        help_text = _(
            "Een verhaal van een ervaringsdeskundige bij deze les: titel, samenvatting en "
            "inhoudswaarschuwing, met een link. Verhalen voor leden ziet alleen wie lid is."
        )


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Tekst"),
        features=BODY_TEXT_FEATURES,
        max_length=rules.BODY_TEXT_MAX_CHARS,
        icon="pilcrow",
        template="courses/blocks/text.html",
    )
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    meldcode_step = MeldcodeStepBlock()
    question = QuestionBlock()
    scenario = ScenarioBlock()
    reflection = ReflectionBlock()
    resource = ResourceBlock()
    story = StoryLinkBlock()
