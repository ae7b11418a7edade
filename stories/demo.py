"""Three demo stories for `seed_demo` (development only), written for the demo
and clearly fictional: one public, one for members only, one waiting in the
moderators' workflow. They go through the same services as a real story:
written by the demo ervaringsdeskundige, checked, submitted, and approved in
the moderators' workflow. Idempotent: a story whose slug exists is left alone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import WorkflowState

from . import services
from .models import Audience, AuthorDisplay, StoryIndexPage, StoryPage
from .services import Section, StoryContent

# The demo accounts of leerwerkplaats/demo.py (apps do not import the project).
DEMO_AUTHOR_EMAIL = "ervaring@demo.hg-leerwerkplaats.nl"
FICTION_NOTE = "Dit verhaal is geschreven voor de demo van de Leerwerkplaats en is verzonnen."

DEMO_STORIES: tuple[tuple[str, str, StoryContent], ...] = (
    (
        "publish",
        "de-stilte-in-huis",
        StoryContent(
            title="De stilte in huis",
            summary="Over jaren op mijn tenen lopen, en de dag dat ik hulp vroeg.",
            content_warning="psychisch",
            content_warning_note="Geen beschrijving van lichamelijk geweld.",
            themes=("partnergeweld", "dwingende-controle", "herstel"),
            author_display=AuthorDisplay.PSEUDONYM,
            pseudonym="Eva vertelt",
            audience=Audience.PUBLIC,
            allow_discussion=True,
            sections=(
                Section(
                    "Op mijn tenen",
                    f"{FICTION_NOTE}\n\nIn ons huis was het vaak stil. Niet de rustige stilte "
                    "van een zondagmiddag, maar de stilte van wachten: op een blik, op een "
                    "deur die te hard dichtging. Ik wist precies welke dingen ik beter niet "
                    "kon zeggen.\n\nVan buiten zag niemand iets. Ik lachte op verjaardagen "
                    "en ging gewoon naar mijn werk.",
                    "Ik dacht lang dat het aan mij lag.",
                ),
                Section(
                    "Hulp vragen",
                    "Een collega vroeg op een dag of het wel goed met me ging. Ze bleef "
                    "vragen, ook toen ik zei dat alles prima was. Dat kleine gebaar maakte "
                    "het verschil.\n\nVia de huisarts kwam ik bij het wijkteam terecht. Het "
                    "ging niet snel, maar ik stond er niet meer alleen voor.",
                    "",
                ),
                Section(
                    "Aan professionals",
                    "Blijf vragen, ook als het antwoord 'het gaat wel' is. Het kan jaren "
                    "duren voordat iemand durft te praten, en dan is het belangrijk dat jij "
                    "er nog bent.",
                    "Blijf vragen, ook als het antwoord 'het gaat wel' is.",
                ),
            ),
        ),
    ),
    (
        "publish",
        "wat-de-kinderen-zagen",
        StoryContent(
            title="Wat de kinderen zagen",
            summary="Een moeder over de vraag hoe het haar kinderen verging.",
            content_warning="kinderen",
            themes=("opgroeien", "hulpverlening"),
            author_display=AuthorDisplay.ANONYMOUS,
            audience=Audience.MEMBERS,
            sections=(
                Section(
                    "",
                    f"{FICTION_NOTE}\n\nIk dacht dat ik mijn kinderen overal buiten hield. "
                    "Pas later, in gesprekken met een jeugdhulpverlener, hoorde ik hoeveel "
                    "ze hadden gemerkt.\n\nWat hielp: iemand die niet oordeelde en ons als "
                    "gezin samen liet praten, in ons eigen tempo.",
                    "Kinderen merken meer dan je denkt.",
                ),
            ),
        ),
    ),
    (
        "submit",
        "een-nieuw-begin",
        StoryContent(
            title="Een nieuw begin",
            summary="Over verhuizen, opnieuw beginnen en wat daarbij hielp.",
            content_warning="algemeen",
            themes=("herstel",),
            author_display=AuthorDisplay.ANONYMOUS,
            audience=Audience.PUBLIC,
            sections=(
                Section(
                    "",
                    f"{FICTION_NOTE}\n\nDe eerste nacht in het nieuwe huis sliep ik slecht. "
                    "Alles was onbekend. Toch voelde het voor het eerst in jaren als iets "
                    "van mezelf.\n\nEen vrijwilliger hielp me met de papieren en de "
                    "gesprekken met instanties. Dat gaf ruimte om weer aan mezelf te denken.",
                    "",
                ),
            ),
        ),
    ),
)


def _submit(author: Any, content: StoryContent) -> StoryPage:
    """Submit as the author would; the demo text is fiction, so every detail the
    check shows is kept."""
    try:
        return services.submit_story(author=author, content=content)
    except services.ConfirmationNeeded as needed:
        keys = [detail.key for detail in needed.details]
        return services.submit_story(
            author=author, content=content, reviewed=keys, pen_name_confirmed=content.pseudonym
        )


def _approve(story: StoryPage) -> StoryPage:
    """The demo moderator sets up MFA at their first login, so at seed time they
    do not pass can_moderate yet (nor Wagtail's publish check, which asks it):
    the seed approves the review task itself, as a system action without a
    user (Wagtail publishes, and purge_old_revisions runs as always)."""
    state = WorkflowState.objects.for_instance(story).active().get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, None, "approve", comment="")
    return StoryPage.objects.get(pk=story.pk)


@transaction.atomic
def ensure_demo_stories(home: Any) -> list[StoryPage]:
    index = StoryIndexPage.objects.child_of(home).first()
    users = get_user_model().objects
    author = users.filter(email=DEMO_AUTHOR_EMAIL).first()
    if index is None or author is None:
        return []
    existing = set(StoryPage.objects.child_of(index).values_list("slug", flat=True))
    stories = []
    for step, slug, content in DEMO_STORIES:
        if slug in existing:
            continue
        story = _submit(author, content)
        if step == "publish":
            story = _approve(story)
        stories.append(story)
    return stories
