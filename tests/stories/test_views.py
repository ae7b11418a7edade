"""The stories' screens: writing without the admin (privacy check, nothing
lost), "Mijn verhalen", the moderators' page, and reading (warning first,
members-only hidden, search, flat query counts)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stories import services
from stories.models import StoryPage
from stories.selectors import Status, story_status
from stories.services import Section
from tests.members import factories
from tests.stories.factories import CALM_TEXT, content, published, submitted

pytestmark = pytest.mark.django_db

WRITE_URL = "/verhalen/schrijven/"


def form_data(text: str = CALM_TEXT, action: str = "submit", **extra) -> dict:
    data = {
        "title": "Hoe ik weer ruimte vond",
        "summary": "Over de jaren thuis en de weg daarna.",
        "content_warning": "psychisch",
        "content_warning_note": "",
        "themes": ["herstel"],
        "author_display": "anoniem",
        "pseudonym": "",
        "audience": "openbaar",
        "deel-TOTAL_FORMS": "1",
        "deel-INITIAL_FORMS": "0",
        "deel-MIN_NUM_FORMS": "0",
        "deel-MAX_NUM_FORMS": "20",
        "deel-0-heading": "Thuis",
        "deel-0-text": text,
        "deel-0-quote": "",
        "action": action,
    }
    data.update(extra)
    return data


# --- writing ---------------------------------------------------------------------


def test_a_professional_cannot_open_verhaal_schrijven(client, story_index, member):
    client.force_login(member)
    assert client.get(WRITE_URL).status_code == 403
    assert client.post(WRITE_URL, form_data()).status_code == 403
    assert not StoryPage.objects.exists()


def test_the_author_saves_a_draft_and_finds_it_in_mijn_verhalen(client, story_index, author):
    client.force_login(author)
    response = client.post(WRITE_URL, form_data(action="save"))

    story = StoryPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:edit", args=[story.pk])
    page = client.get(reverse("stories:mine")).content.decode()
    assert "Hoe ik weer ruimte vond" in page
    assert "Concept" in page
    edit = client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert "Het begon met kleine opmerkingen." in edit


def test_a_phone_number_blocks_with_a_dutch_message_and_the_text_stays(client, story_index, author):
    client.force_login(author)
    text = "Bel me op 06-12345678 als je wilt. " + CALM_TEXT
    response = client.post(WRITE_URL, form_data(text=text))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Je verhaal bevat gegevens die iemand direct herkenbaar maken: TELEFOON" in body
    assert "Bel me op 06-12345678 als je wilt." in body  # the text is kept in the form
    assert not StoryPage.objects.exists()


def test_a_name_is_shown_with_its_placeholder_and_replaced_on_request(client, story_index, author):
    client.force_login(author)
    text = "Mijn buurvrouw Karin de Vries zag het ook. " + CALM_TEXT
    first = client.post(WRITE_URL, form_data(text=text))

    body = first.content.decode()
    assert first.status_code == 200
    assert "Over je eigen leven mag je vertellen wat je wilt" in body
    assert 'value="NAAM:Karin de Vries"' in body
    assert "[NAAM-1]" in body
    reviewed = [d.key for d in first.context["details"]]

    second = client.post(
        WRITE_URL, form_data(text=text, reviewed=reviewed, replace=["NAAM:Karin de Vries"])
    )

    assert second.status_code == 302
    story = StoryPage.objects.get()
    assert story_status(story)[0] == Status.IN_REVIEW
    assert (
        story.get_latest_revision_as_object()
        .body[0]
        .value["text"]
        .startswith("Mijn buurvrouw [NAAM-1] zag het ook.")
    )


def test_a_missing_field_keeps_every_typed_word(client, story_index, author):
    client.force_login(author)
    response = client.post(WRITE_URL, form_data(title="", action="save"))

    assert response.status_code == 200
    assert "Het begon met kleine opmerkingen." in response.content.decode()
    assert not StoryPage.objects.exists()


def test_adding_a_section_keeps_the_text(client, story_index, author):
    client.force_login(author)
    response = client.post(WRITE_URL, form_data(action="add_section"))

    body = response.content.decode()
    assert "Het begon met kleine opmerkingen." in body
    assert 'name="deel-1-text"' in body


def test_an_author_cannot_open_anothers_story(client, story_index, author, other_author):
    story = services.save_draft(author=author, content=content())
    client.force_login(other_author)

    assert client.get(reverse("stories:edit", args=[story.pk])).status_code == 403
    assert client.post(reverse("stories:withdraw", args=[story.pk])).status_code == 403


# --- moderation ------------------------------------------------------------------


def test_the_moderator_asks_for_changes_and_the_author_reads_them(
    client, story_index, author, moderator
):
    story = submitted(author)
    client.force_login(moderator)
    assert story.title in client.get(reverse("stories:moderation")).content.decode()

    response = client.post(
        reverse("stories:review", args=[story.pk]),
        {"action": "request_changes", "comment": "Wil je de laatste alinea inkorten?"},
    )
    assert response.status_code == 302

    client.force_login(author)
    page = client.get(reverse("stories:mine")).content.decode()
    assert "Wijziging gevraagd" in page
    assert "Wil je de laatste alinea inkorten?" in page


def test_the_moderator_publishes_from_the_sites_own_page(client, story_index, author, moderator):
    story = submitted(author)
    client.force_login(moderator)

    client.post(reverse("stories:review", args=[story.pk]), {"action": "publish", "comment": ""})

    assert StoryPage.objects.get(pk=story.pk).live


def test_a_coordinator_cannot_open_the_moderation_pages(client, story_index, author, coordinator):
    story = submitted(author)
    client.force_login(coordinator)

    assert client.get(reverse("stories:moderation")).status_code == 403
    response = client.post(reverse("stories:review", args=[story.pk]), {"action": "publish"})
    assert response.status_code == 403
    assert not StoryPage.objects.get(pk=story.pk).live


def test_withdrawing_takes_the_story_offline_at_once(client, story_index, author, moderator):
    story = published(author, moderator)
    client.force_login(author)

    client.post(reverse("stories:withdraw", args=[story.pk]))

    client.logout()
    assert client.get(story.url).status_code == 404
    assert story.title not in client.get(story_index.url).content.decode()


# --- reading ---------------------------------------------------------------------


def test_the_content_warning_comes_first_and_the_story_after_verder_lezen(
    client, story_index, author, moderator
):
    story = published(author, moderator)

    first = client.get(story.url).content.decode()
    assert "Inhoudswaarschuwing" in first
    assert "Psychisch geweld en bedreiging" in first
    assert "Verder lezen" in first
    assert "0800-2000" in first
    assert "0800-0432" in first
    assert "Het begon met kleine opmerkingen." not in first

    reading = client.get(story.url + "?lezen=1").content.decode()
    assert "Het begon met kleine opmerkingen." in reading
    assert reading.index("Inhoudswaarschuwing") < reading.index("Het begon met kleine")


def test_members_only_stories_are_hidden_from_visitors(client, story_index, author, moderator):
    public = published(author, moderator, title="Openbaar verhaal")
    members = published(author, moderator, title="Verhaal voor leden", audience="leden")

    listing = client.get(story_index.url).content.decode()
    assert public.title in listing
    assert members.title not in listing
    response = client.get(members.url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]

    client.force_login(factories.member())
    assert members.title in client.get(story_index.url).content.decode()
    assert client.get(members.url).status_code == 200

    pending = factories.member(status="pending")
    client.force_login(pending)
    assert members.title not in client.get(story_index.url).content.decode()
    assert client.get(members.url).status_code == 403


def test_the_list_filters_by_theme_and_shows_reading_time(client, story_index, author, moderator):
    published(author, moderator, title="Over herstel", themes=("herstel",))
    published(author, moderator, title="Over stalking", themes=("stalking",))

    page = client.get(story_index.url + "?thema=stalking").content.decode()

    assert "Over stalking" in page
    assert "Over herstel" not in page
    assert "1 minuut lezen" in page


def test_search_finds_public_stories_for_visitors_only(client, story_index, author, moderator):
    published(author, moderator, title="Openbaar verhaal over ruimte")
    published(author, moderator, title="Ledenverhaal over ruimte", audience="leden")

    visitor = client.get("/zoeken/?q=ruimte").content.decode()
    assert "Openbaar verhaal over ruimte" in visitor
    assert "Ledenverhaal over ruimte" not in visitor

    client.force_login(factories.member())
    member_view = client.get("/zoeken/?q=ruimte").content.decode()
    assert "Ledenverhaal over ruimte" in member_view


def test_the_index_takes_the_same_queries_for_one_story_or_five(
    client, story_index, author, moderator, settings
):
    settings.PAGE_CACHE_ENABLED = False  # the page as drawn, not from the page cache
    published(author, moderator, title="Verhaal 1")
    client.get(story_index.url)  # warm the site caches
    with CaptureQueriesContext(connection) as one:
        client.get(story_index.url)
    for number in range(2, 6):
        published(author, moderator, title=f"Verhaal {number}")
    client.get(story_index.url)  # publishing emptied the worker's memory: warm it again
    with CaptureQueriesContext(connection) as five:
        response = client.get(story_index.url)

    assert "Verhaal 5" in response.content.decode()
    assert len(five) == len(one)


def test_autosave_stores_the_draft_and_answers_with_its_address(client, story_index, author):
    client.force_login(author)
    first = client.post(WRITE_URL, form_data(action="save"), HTTP_X_AUTOSAVE="1")

    story = StoryPage.objects.get()
    edit_url = reverse("stories:edit", args=[story.pk])
    assert first.json()["saved"] is True
    assert first.json()["edit_url"] == edit_url
    second = client.post(
        edit_url, form_data(text="Een nieuwe zin.", action="save"), HTTP_X_AUTOSAVE="1"
    )
    assert second.json()["saved"] is True
    assert story.revisions.count() == 2
    story = StoryPage.objects.get(pk=story.pk)
    text = story.get_latest_revision_as_object().body[0].value["text"]
    assert text == "Een nieuwe zin."
    incomplete = client.post(edit_url, form_data(title="", action="save"), HTTP_X_AUTOSAVE="1")
    assert incomplete.status_code == 400
    assert story.revisions.count() == 2


def test_the_form_loads_the_autosave_script_from_a_file(client, story_index, author):
    client.force_login(author)
    body = client.get(WRITE_URL).content.decode()
    assert "js/stories-autosave.js" in body
    assert "data-autosave" in body


def test_the_list_filters_by_reading_time(client, story_index, author, moderator):
    long_text = "\n\n".join(["Het was stil in huis en niemand zei iets. " * 40] * 9)  # ~3200 words
    middle_text = "\n\n".join(["Het was stil in huis en niemand zei iets. " * 40] * 4)  # ~1400
    published(author, moderator, title="Kort verhaal")
    published(author, moderator, title="Middellang verhaal", sections=(Section("", middle_text),))
    published(author, moderator, title="Lang verhaal", sections=(Section("", long_text),))

    def titles(query: str) -> set[str]:
        page = client.get(story_index.url + query).content.decode()
        return {t for t in ("Kort verhaal", "Middellang verhaal", "Lang verhaal") if t in page}

    assert titles("") == {"Kort verhaal", "Middellang verhaal", "Lang verhaal"}
    assert titles("?lengte=kort") == {"Kort verhaal"}
    assert titles("?lengte=middel") == {"Middellang verhaal"}
    assert titles("?lengte=lang&thema=herstel") == {"Lang verhaal"}
    assert titles("?lengte=lang&thema=stalking") == set()
    page = client.get(story_index.url + "?lengte=lang").content.decode()
    assert '<option value="lang" selected>' in page
    assert "17 minuten lezen" in page


def test_the_author_reads_the_moderators_message_with_the_publication(
    client, story_index, author, moderator
):
    story = submitted(author)
    client.force_login(moderator)
    client.post(
        reverse("stories:review", args=[story.pk]),
        {"action": "publish", "comment": "Dank je wel voor je verhaal."},
    )

    client.force_login(author)
    page = client.get(reverse("stories:mine")).content.decode()

    assert "Gepubliceerd" in page
    assert "De moderator schreef bij het publiceren:" in page
    assert "Dank je wel voor je verhaal." in page


def test_asking_for_changes_without_a_message_says_so_on_the_page(
    client, story_index, author, moderator
):
    story = submitted(author)
    client.force_login(moderator)

    response = client.post(
        reverse("stories:review", args=[story.pk]), {"action": "request_changes", "comment": ""}
    )

    assert response.status_code == 200
    assert str(services.ERROR_COMMENT_REQUIRED) in response.content.decode()
    assert story_status(story)[0] == Status.IN_REVIEW


def test_the_moderators_message_passes_the_privacy_gate(client, story_index, author, moderator):
    story = submitted(author)
    client.force_login(moderator)
    review = reverse("stories:review", args=[story.pk])

    blocked = client.post(
        review, {"action": "request_changes", "comment": "Bel me op 06-12345678."}
    )
    assert blocked.status_code == 200
    assert "TELEFOON" in blocked.content.decode()
    assert story_status(story)[0] == Status.IN_REVIEW

    client.post(
        review,
        {"action": "request_changes", "comment": "Haal de naam Karin de Vries uit deel 2."},
    )
    status, comment = story_status(story)
    assert status == Status.CHANGES_REQUESTED
    assert "Karin" not in comment
    assert "[NAAM-1]" in comment


# --- quotes, support lines, quick exit -------------------------------------------

QUOTE = "Ik dacht dat het aan mij lag."


def test_a_quote_the_author_writes_is_stored_and_shown_as_a_quote(
    client, story_index, author, moderator
):
    client.force_login(author)
    response = client.post(WRITE_URL, form_data(**{"deel-0-quote": QUOTE}))
    assert response.status_code == 302
    story = StoryPage.objects.get()
    assert story.get_latest_revision_as_object().body[0].value["quote"] == QUOTE
    services.publish_story(moderator=moderator, story=story)

    client.logout()
    reading = client.get(story.url + "?lezen=1").content.decode()

    assert (
        '<blockquote class="utrecht-blockquote story-quote">'
        f'<p class="utrecht-paragraph">{QUOTE}</p></blockquote>'
    ) in reading
    # The author's edit form gives the quote back unchanged.
    client.force_login(author)
    edit = client.get(reverse("stories:edit", args=[story.pk])).content.decode()
    assert re.search(rf'<textarea name="deel-0-quote"[^>]*>\s*{QUOTE}</textarea>', edit)


def test_a_name_in_a_quote_is_shown_with_its_placeholder_and_replaced_like_the_text(
    client, story_index, author, moderator
):
    client.force_login(author)
    quote = "Karin de Vries zei dat het mijn schuld was."
    data = form_data(**{"deel-0-quote": quote})

    first = client.post(WRITE_URL, data)

    body = first.content.decode()
    assert first.status_code == 200
    assert 'value="NAAM:Karin de Vries"' in body
    assert "[NAAM-1]" in body
    assert quote in body  # the typed quote stays in the form
    assert not StoryPage.objects.exists()
    reviewed = [d.key for d in first.context["details"]]

    second = client.post(
        WRITE_URL, {**data, "reviewed": reviewed, "replace": ["NAAM:Karin de Vries"]}
    )

    assert second.status_code == 302
    story = StoryPage.objects.get()
    stored = story.get_latest_revision_as_object().body[0].value["quote"]
    assert stored == "[NAAM-1] zei dat het mijn schuld was."
    services.publish_story(moderator=moderator, story=story)
    client.logout()
    reading = client.get(story.url + "?lezen=1").content.decode()
    assert "[NAAM-1] zei dat het mijn schuld was.</p></blockquote>" in reading
    assert "Karin" not in reading


def test_a_phone_number_in_a_quote_blocks_like_one_in_the_text(client, story_index, author):
    client.force_login(author)

    response = client.post(WRITE_URL, form_data(**{"deel-0-quote": "Bel 06-12345678."}))

    assert response.status_code == 200
    assert "TELEFOON" in response.content.decode()
    assert not StoryPage.objects.exists()


def test_the_story_page_names_slachtofferhulp_beside_veilig_thuis_and_the_kindertelefoon(
    client, story_index, author, moderator
):
    story = published(author, moderator)

    for url in (story.url, story.url + "?lezen=1"):
        html = client.get(url).content.decode()
        support = html[html.index('<aside class="story-support"') : html.index("</aside>")]
        assert 'Veilig Thuis: <a class="utrecht-link" href="tel:08002000">0800-2000</a>' in support
        assert (
            'Slachtofferhulp Nederland: <a class="utrecht-link" href="tel:09000101">0900-0101</a>'
            " (steun na een misdrijf)"
        ) in support
        assert (
            'De Kindertelefoon: <a class="utrecht-link" href="tel:08000432">0800-0432</a>'
            in support
        )


def test_a_visitor_has_the_quick_exit_on_the_story_list_and_a_story_page(
    client, story_index, author, moderator
):
    story = published(author, moderator)

    for url in (story_index.url, story.url, story.url + "?lezen=1"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert re.search(
            r'<a [^>]*href="[^"]+" rel="noreferrer" data-quick-exit '
            r'aria-describedby="snel-weg-uitleg">Snel weg</a>',
            html,
        ), url
        assert 'id="snel-weg-uitleg"' in html
        assert re.search(
            r'<script( nonce="[^"]+")? src="/static/js/quick-exit.js"></script>', html
        ), url


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("author", "stories:edit"),
        ("author", "stories:withdraw"),
        ("author", "stories:discussion"),
        ("moderator", "stories:review"),
    ],
)
def test_a_story_id_beyond_the_databases_integers_is_not_found(
    client, story_index, author, moderator, who, url
):
    client.force_login({"author": author, "moderator": moderator}[who])
    address = reverse(url, args=[10**23])
    method = client.get if url in ("stories:edit", "stories:review") else client.post
    assert method(address).status_code == 404
