"""The pen name ("schrijversnaam") is the author's chosen public name: the privacy
check never replaces it. A name found in it is a warning beside the field ("does
this look like your real name?") that the author answers by confirming it or by
changing it; a structured identifier in it blocks as anywhere. Kept, it is not
redacted where it signs off the story's own text (inside a sentence it stays a
detail: it may be a relative's name), and the moderator sees that it was flagged
and confirmed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stories import privacy_check, services
from stories.models import AuthorDisplay, StoryPage
from stories.services import Section
from tests.stories.factories import CALM_TEXT, content
from tests.stories.test_views import WRITE_URL, form_data

pytestmark = pytest.mark.django_db

PEN_NAME = "Eva vertelt"
SIGNED = CALM_TEXT + "\n\nEva vertelt"
WARNING = "Lijkt dit op je echte naam? Kies dan liever een schrijversnaam die niet naar jou"


def signed(**overrides):
    values = {
        "author_display": AuthorDisplay.PSEUDONYM,
        "pseudonym": PEN_NAME,
        "sections": (Section("Thuis", SIGNED, ""),),
    }
    values.update(overrides)
    return content(**values)


def pen_form(**extra) -> dict:
    return form_data(**{"author_display": "pseudoniem", "pseudonym": PEN_NAME, **extra})


def test_a_name_in_the_pen_name_is_a_warning_not_a_detail_to_replace(story_index, author):
    with pytest.raises(services.ConfirmationNeeded) as needed:
        services.submit_story(author=author, content=signed())

    assert [d.text for d in needed.value.pen_name] == ["Eva"]
    # Neither the pen name nor its signature in the text is offered for replacement.
    assert needed.value.details == ()
    assert not StoryPage.objects.exists()


def test_the_pen_name_is_kept_after_hand_in_and_publication(story_index, author, moderator):
    story = services.submit_story(author=author, content=signed(), pen_name_confirmed=PEN_NAME)
    draft = story.get_latest_revision_as_object()
    assert draft.pseudonym == PEN_NAME
    assert draft.pseudonym_confirmed

    story = services.publish_story(moderator=moderator, story=story)
    story.refresh_from_db()
    assert story.pseudonym == PEN_NAME
    assert story.author_name == PEN_NAME


def test_the_pen_name_in_the_text_is_not_redacted_other_names_are(story_index, author):
    text = "Mijn buurvrouw Karin de Vries zag het ook.\n\n" + SIGNED
    story_content = signed(sections=(Section("", text, ""),))
    with pytest.raises(services.ConfirmationNeeded) as needed:
        services.submit_story(author=author, content=story_content)
    assert [d.key for d in needed.value.details] == ["NAAM:Karin de Vries"]
    assert needed.value.details[0].placeholder == "[NAAM-1]"

    story = services.submit_story(
        author=author,
        content=story_content,
        reviewed=["NAAM:Karin de Vries"],
        replace_keys=["NAAM:Karin de Vries"],
        pen_name_confirmed=PEN_NAME,
    )

    stored = story.get_latest_revision_as_object().body[0].value["text"]
    assert stored.startswith("Mijn buurvrouw [NAAM-1] zag het ook.")
    assert stored.endswith("\n\nEva vertelt")
    assert story.get_latest_revision_as_object().pseudonym == PEN_NAME


def test_only_the_whole_pen_name_is_allowed_and_only_in_this_story(story_index, author):
    texts = ["Titel", "", "", PEN_NAME, "", "Eva zei het tegen mij. Eva vertelt", "", ""]
    report = privacy_check.check(texts, pen_name_at=3)
    # "Eva" alone is somebody in the story: a detail as always; the signature is not.
    assert [(d.text, d.placeholder) for d in report.details] == [("Eva", "[NAAM-1]")]
    replaced = privacy_check.replace(texts, keys=["NAAM:Eva"], pen_name_at=3)
    assert replaced[3] == PEN_NAME
    assert replaced[5] == "[NAAM-1] zei het tegen mij. Eva vertelt"
    # Another story (no pen name) finds the same signature as a name.
    other = privacy_check.check(["Titel", "", "", "", "", "Eva vertelt", "", ""])
    assert [d.text for d in other.details] == ["Eva"]


def test_a_real_looking_full_name_needs_the_confirmation(story_index, author):
    full_name = "Karin de Vries"
    story_content = signed(pseudonym=full_name, sections=(Section("", CALM_TEXT, ""),))
    with pytest.raises(services.ConfirmationNeeded) as needed:
        services.submit_story(author=author, content=story_content)
    assert [d.text for d in needed.value.pen_name] == [full_name]

    # A confirmation of another pen name does not count: it was typed before a change.
    with pytest.raises(services.ConfirmationNeeded):
        services.submit_story(author=author, content=story_content, pen_name_confirmed=PEN_NAME)

    story = services.submit_story(
        author=author, content=story_content, pen_name_confirmed=full_name
    )
    assert story.get_latest_revision_as_object().pseudonym == full_name


def test_a_pen_name_without_a_name_needs_no_confirmation(story_index, author):
    story = services.submit_story(
        author=author,
        content=signed(pseudonym="Zonnebloem", sections=(Section("", CALM_TEXT, ""),)),
    )
    draft = story.get_latest_revision_as_object()
    assert draft.pseudonym == "Zonnebloem"
    assert not draft.pseudonym_confirmed


def test_the_form_warns_beside_the_field_and_keeps_the_typed_text(client, story_index, author):
    client.force_login(author)
    response = client.post(WRITE_URL, pen_form(**{"deel-0-text": SIGNED}))

    assert response.status_code == 200
    body = response.content.decode()
    assert WARNING in body
    assert 'name="pseudonym" value="Eva vertelt"' in body
    assert 'name="pseudonym_confirmed" value="Eva vertelt"' in body
    # The warning stands right after the pen name's field, and nothing is ticked to replace.
    assert body.index('name="pseudonym"') < body.index(WARNING) < body.index('name="audience"')
    assert 'name="replace"' not in body
    assert not StoryPage.objects.exists()

    confirmed = client.post(
        WRITE_URL, pen_form(pseudonym_confirmed=PEN_NAME, **{"deel-0-text": SIGNED})
    )
    assert confirmed.status_code == 302
    draft = StoryPage.objects.get().get_latest_revision_as_object()
    assert draft.pseudonym == PEN_NAME
    assert draft.body[0].value["text"].endswith("Eva vertelt")


def test_a_confirmed_pen_name_stays_confirmed_while_other_details_are_asked(
    client, story_index, author
):
    client.force_login(author)
    text = "Mijn buurvrouw Karin de Vries zag het ook.\n\n" + SIGNED
    response = client.post(
        WRITE_URL, pen_form(pseudonym_confirmed=PEN_NAME, **{"deel-0-text": text})
    )
    body = response.content.decode()
    assert WARNING not in body
    assert '<input type="hidden" name="pseudonym_confirmed" value="Eva vertelt">' in body
    assert 'name="replace" value="NAAM:Karin de Vries"' in body


def test_a_structured_identifier_in_the_pen_name_blocks_with_a_clear_message(
    client, story_index, author
):
    client.force_login(author)
    response = client.post(
        WRITE_URL, pen_form(pseudonym="Eva 06-12345678", pseudonym_confirmed="Eva 06-12345678")
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["pseudonym"] == [
        "Je schrijversnaam bevat gegevens waarmee iemand direct te vinden is (TELEFOON). "
        "Kies een andere schrijversnaam."
    ]
    assert "__all__" not in errors  # the story's text itself is fine
    assert 'value="Eva 06-12345678"' in response.content.decode()
    assert not StoryPage.objects.exists()

    with pytest.raises(services.StoryBlocked):
        services.submit_story(
            author=author,
            content=signed(pseudonym="Eva 06-12345678"),
            pen_name_confirmed="Eva 06-12345678",
        )


def test_the_moderator_sees_the_pen_name_was_flagged_and_confirmed(
    client, story_index, author, moderator
):
    flagged = services.submit_story(author=author, content=signed(), pen_name_confirmed=PEN_NAME)
    plain = services.submit_story(
        author=author,
        content=signed(
            title="Een ander verhaal",
            pseudonym="Zonnebloem",
            sections=(Section("", CALM_TEXT, ""),),
        ),
    )
    client.force_login(moderator)
    note = "De privacycontrole vond een naam in de schrijversnaam"

    page = client.get(reverse("stories:review", args=[flagged.pk])).content.decode()
    assert note in page
    assert "heeft bevestigd dat het de schrijversnaam is" in page
    assert note not in client.get(reverse("stories:review", args=[plain.pk])).content.decode()


def test_the_warning_and_the_refusal_in_english():
    from django.utils import translation

    with translation.override("en"):
        assert str(services.WARNING_PEN_NAME).startswith("Does this look like your real name?")
        assert str(services.ERROR_PEN_NAME_BLOCKED) % {"details": "TELEFOON"} == (
            "Your pen name contains details by which someone can be found directly "
            "(TELEFOON). Choose another pen name."
        )


@pytest.mark.parametrize(
    "body",
    [
        "Mijn man Piet Bakker sloeg toen de kinderen sliepen.",
        "Ik was bang voor Piet Bakker, elke dag.",
        "piet bakker kwam thuis en toen begon het.",
    ],
)
def test_a_pen_name_that_is_someone_in_the_story_stays_a_detail_there(story_index, author, body):
    """A pen name may be a relative's real name: inside a sentence it is a mention
    of somebody, shown to the author like any name; only a signature is exempt."""
    texts = ["Titel", "", "", "Piet Bakker", "", body, "", ""]
    report = privacy_check.check(texts, pen_name_at=3)
    assert any("bakker" in d.text.lower() for d in report.details), report.details
    signed_off = privacy_check.check(
        ["Titel", "", "", "Piet Bakker", "", "Het is voorbij.\n\n- Piet Bakker", "", ""],
        pen_name_at=3,
    )
    assert signed_off.details == ()
