"""The author's form, field by field (issue 13, "Writing"): themes from a fixed
list, a required content warning with an optional note, a pseudonym or
"anoniem", public or members only, and the copy in the author's tab that keeps
what was typed when the session ends (static/js/stories-autosave.js; the browser
test in tests/e2e/test_stories.py expires the session for real)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import StoryPage
from tests.stories.factories import content, published
from tests.stories.test_views import WRITE_URL, form_data

pytestmark = pytest.mark.django_db


def test_themes_come_from_the_fixed_list(client, story_index, author):
    client.force_login(author)
    body = client.get(WRITE_URL).content.decode()
    assert 'type="checkbox" name="themes" value="stalking"' in body

    response = client.post(WRITE_URL, form_data(action="save", themes=["zelfbedacht"]))

    assert response.status_code == 200
    assert response.context["form"].errors["themes"]
    assert not StoryPage.objects.exists()
    # The admin (or any other route) cannot store one either.
    page = StoryPage(title="x", summary="x", content_warning="psychisch", themes=["zelfbedacht"])
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "themes" in error.value.message_dict


def test_a_content_warning_from_the_list_is_required_its_note_is_not(client, story_index, author):
    client.force_login(author)
    body = client.get(WRITE_URL).content.decode()
    assert '<option value="zelfdoding">Gedachten aan zelfdoding</option>' in body

    missing = client.post(WRITE_URL, form_data(action="save", content_warning=""))
    unknown = client.post(WRITE_URL, form_data(action="save", content_warning="iets-anders"))

    assert missing.status_code == unknown.status_code == 200
    assert missing.context["form"].errors["content_warning"]
    assert unknown.context["form"].errors["content_warning"]
    assert "Het begon met kleine opmerkingen." in missing.content.decode()
    assert not StoryPage.objects.exists()

    saved = client.post(WRITE_URL, form_data(action="save", content_warning_note=""))
    assert saved.status_code == 302
    assert StoryPage.objects.get().content_warning == "psychisch"


def test_the_note_shows_with_the_warning(client, story_index, author, moderator):
    story = published(author, moderator, content_warning_note="Over een nacht in het ziekenhuis.")

    page = client.get(story.url).content.decode()

    assert page.index("Inhoudswaarschuwing") < page.index("Over een nacht in het ziekenhuis.")


def test_a_pseudonym_needs_a_name_and_anoniem_shows_no_name(client, story_index, author, moderator):
    client.force_login(author)
    response = client.post(WRITE_URL, form_data(action="save", author_display="pseudoniem"))
    assert response.context["form"].errors["pseudonym"]
    assert not StoryPage.objects.exists()

    named = published(
        author, moderator, title="Met naam", author_display="pseudoniem", pseudonym="Zonnebloem"
    )
    nameless = published(author, moderator, title="Zonder naam", pseudonym="Zonnebloem")
    client.logout()

    assert "Door Zonnebloem" in client.get(named.url).content.decode()
    page = client.get(nameless.url).content.decode()
    assert "Door anoniem" in page
    assert "Zonnebloem" not in page
    # The author's account (name, pseudonym in the forum) is never shown.
    listing = client.get(nameless.get_parent().url).content.decode()
    assert author.profile.pseudonym not in listing
    assert author.last_name not in listing


def test_the_author_chooses_public_or_members_only(client, story_index, author, moderator):
    client.force_login(author)
    client.post(WRITE_URL, form_data(action="save", audience="leden"))
    assert StoryPage.objects.get().audience == "leden"
    refused = client.post(WRITE_URL, form_data(action="save", audience="iedereen-overal"))
    assert refused.context["form"].errors["audience"]


# --- nothing typed is lost -------------------------------------------------------


def test_the_form_names_the_copy_in_the_tab_and_the_revision_it_starts_from(
    client, story_index, author
):
    client.force_login(author)
    new = client.get(WRITE_URL).content.decode()
    assert f'data-draft-key="hg-verhaal:{author.pk}:nieuw"' in new
    assert 'data-draft-base=""' in new
    assert "data-draft-clear" not in new

    saved = client.post(WRITE_URL, form_data(action="save"), follow=True)

    story = StoryPage.objects.get()
    body = saved.content.decode()
    assert f'data-draft-key="hg-verhaal:{author.pk}:{story.pk}"' in body
    assert f'data-draft-base="{story.latest_revision_id}"' in body
    # The new story's copy may go: the server has it (once only).
    assert f'data-draft-clear="hg-verhaal:{author.pk}:nieuw"' in body
    again = client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert "data-draft-clear" not in again


def test_a_new_story_submitted_clears_its_copy_in_mijn_verhalen(client, story_index, author):
    client.force_login(author)

    response = client.post(WRITE_URL, form_data(), follow=True)

    assert response.request["PATH_INFO"] == reverse("stories:mine")
    body = response.content.decode()
    assert f'data-draft-clear="hg-verhaal:{author.pk}:nieuw"' in body
    assert "js/stories-autosave.js" in body


def test_an_autosave_answers_with_the_new_revision_and_the_storys_key(client, story_index, author):
    client.force_login(author)

    answer = client.post(WRITE_URL, form_data(action="save"), HTTP_X_AUTOSAVE="1").json()

    story = StoryPage.objects.get()
    assert answer["revision"] == story.latest_revision_id
    assert answer["draft_key"] == f"hg-verhaal:{author.pk}:{story.pk}"
    # An autosave of a new story: the script moves the copy itself.
    page = client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert "data-draft-clear" not in page


def test_an_expired_session_loses_no_posted_text_on_the_server_side(client, story_index, author):
    """A save after the session ended goes to the login page and back to the form
    (the copy in the tab is put back there); nothing half is stored meanwhile."""
    story = services.save_draft(author=author, content=content())
    edit_url = reverse("stories:edit", args=[story.pk])

    response = client.post(edit_url, form_data(text="Nieuw", action="save"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={edit_url}" in response["Location"].replace("%2F", "/")
    assert StoryPage.objects.get(pk=story.pk).revisions.count() == 1
    client.force_login(author)
    again = client.get(edit_url).content.decode()
    assert f'data-draft-base="{story.latest_revision_id}"' in again


def test_handing_in_is_limited_like_every_privacy_check(client, story_index, author, settings):
    # Handing in runs the privacy engine on the whole story; saving a draft does not.
    settings.PRIVACY_CHECKS_PER_MINUTE = 1
    client.force_login(author)
    client.post(WRITE_URL, form_data(action="save"))
    story = StoryPage.objects.get()
    edit_url = reverse("stories:edit", args=[story.pk])
    named = "Ik sprak toen met Jan de Vries."
    first = client.post(edit_url, form_data(text=named))  # the one check of the minute
    assert first.status_code == 200
    assert "Wacht een minuut" not in first.content.decode()

    response = client.post(edit_url, form_data(text=named))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Wacht een minuut" in body
    assert named in body  # the text stays in the form
    # Saving a draft is no check and still works.
    assert client.post(edit_url, form_data(action="save")).status_code == 302


def test_a_suspended_author_cannot_hand_in_a_story_and_keeps_it(client, story_index, author):
    # Handing in is taking part (probe14b); saving a draft, which nobody else reads,
    # stays open to them.
    author.profile.suspended_until = timezone.now() + timedelta(days=3)
    author.profile.save(update_fields=["suspended_until"])
    client.force_login(author)
    text = "Ik schreef dit in de nacht na het gesprek."

    response = client.post(WRITE_URL, form_data(text=text))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Je bent geschorst tot" in body
    assert text in body and "Hoe ik weer ruimte vond" in body  # everything typed stays
    assert not StoryPage.objects.exists()
    with pytest.raises(ValidationError):
        services.submit_story(author=author, content=content())
    assert client.post(WRITE_URL, form_data(text=text, action="save")).status_code == 302
    assert StoryPage.objects.get().workflow_in_progress is False


def test_a_suspended_author_reads_why_on_the_writing_form_and_can_only_save(
    client, story_index, author, django_assert_max_num_queries
):
    # Before, the form offered "Indienen bij de moderatoren" to a suspended author,
    # who was refused only once they handed the story in.
    client.force_login(author)
    with django_assert_max_num_queries(50) as before:
        body = client.get(WRITE_URL).content.decode()
    assert 'value="submit"' in body
    author.profile.suspended_until = timezone.now() + timedelta(days=3)
    author.profile.save(update_fields=["suspended_until"])
    author = type(author).objects.get(pk=author.pk)

    with django_assert_max_num_queries(len(before.captured_queries)):
        body = client.get(WRITE_URL).content.decode()

    note = services.suspension_refusal_for(author)
    assert note is not None and "Je bent geschorst tot" in note
    assert body.count(note) == 1
    assert body.index("data-suspension-note") < body.index("utrecht-form site-form")
    assert 'value="submit"' not in body
    assert 'value="save"' in body  # a draft, which nobody else reads, stays allowed
    # Handed in anyway (a tab opened before): the note once, the text kept.
    text = "Ik schreef dit in de nacht na het gesprek."
    body = client.post(WRITE_URL, form_data(text=text)).content.decode()
    assert body.count(note) == 1
    assert text in body
