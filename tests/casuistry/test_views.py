"""The whole path over HTTP: intake, preview, submission, moderation, library; and the
canary: what the author typed and was removed is nowhere afterwards."""

from __future__ import annotations

import logging
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from casuistry import services
from casuistry.models import Case, Status
from tests.cache_contents import cache_holds
from tests.casuistry import factories
from tests.members import factories as member_factories
from tests.members.test_privacy_rights import rows_mentioning

pytestmark = pytest.mark.django_db

CANARY = "Qorvandijk"
SUBMIT_URL = reverse("casuistry:submit") + "?methode=incidentmethode"


class _Inputs(HTMLParser):
    """The form fields a browser would post back: hidden inputs, as they are."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields.append((attrs["name"], attrs.get("value") or ""))


def hidden_fields(response) -> dict[str, list[str]]:
    parser = _Inputs()
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value)
    return data


def canary_form(**overrides):
    return factories.form_data(
        title=f"Huisbezoek bij mevrouw {CANARY}",
        deel_incident=(
            f"Ik kwam bij mevrouw {CANARY} op de Dorpsstraat 12 in Bergschenhoek. Haar zoon zit "
            "op basisschool De Regenboog. Zijn oom noemt hem de kleine baas. "
            f"Het BSN van mevrouw {CANARY} is 111222333."
        ),
        deel_moment=f"Ik twijfelde of ik Veilig Thuis moest bellen over mevrouw {CANARY}.",
        deel_vraag=f"Wat zouden jullie tegen mevrouw {CANARY} zeggen?",
        **overrides,
    )


def without_bsn(data):
    data = dict(data)
    data["deel_incident"] = data["deel_incident"].replace(
        f" Het BSN van mevrouw {CANARY} is 111222333.", ""
    )
    return data


def page(response) -> str:
    return response.content.decode()


def test_the_whole_path_and_the_canary(client, home_page, caplog):
    caplog.set_level(logging.DEBUG)
    author = member_factories.member(first_name="Ineke", last_name="Zeldenrijk")
    moderator = factories.moderator()
    client.force_login(author)

    # The guided form: choose a method, then fields with guidance on what not to write.
    chooser = client.get(reverse("casuistry:submit"))
    assert "Met welke reflectiemethode" in page(chooser)
    form_page = client.get(SUBMIT_URL)
    assert "Schrijf geen namen, geen adres, geen school en geen datum" in page(form_page)

    # The BSN blocks, in Dutch, and the typed text stays in the form.
    blocked = client.post(SUBMIT_URL, {**canary_form(), "action": "preview"})
    assert blocked.status_code == 200
    assert str(services.ERROR_STRUCTURED) in page(blocked)
    assert "Haar zoon zit op basisschool De Regenboog" in page(blocked)
    assert "111222333" in page(blocked)  # still there to edit
    assert not Case.objects.exists()

    # Without it: the preview shows each find and its placeholder.
    preview = client.post(SUBMIT_URL, {**without_bsn(canary_form()), "action": "preview"})
    assert preview.status_code == 200
    assert "Controleer je casus" in page(preview)
    assert "[SCHOOL-1]" in page(preview)
    reposted = hidden_fields(preview)
    assert reposted["deel_incident"] == [without_bsn(canary_form())["deel_incident"]]
    assert CANARY not in reposted["bevestigd_incident"][0]
    assert not Case.objects.exists()  # nothing kept between the steps

    done = client.post(SUBMIT_URL, {**reposted, "action": "submit"})
    assert done.status_code == 302
    assert done["Location"] == reverse("casuistry:mine")
    case = Case.objects.get()
    assert case.status == Status.SUBMITTED
    assert "[SCHOOL-1]" in case.parts["incident"]
    assert "de kleine baas" in case.parts["incident"]
    mine = client.get(reverse("casuistry:mine"))
    assert "Ingediend" in page(mine)

    # The moderator claims, redacts one more word, approves.
    moderator_client = Client()
    moderator_client.force_login(moderator)
    queue = moderator_client.get(reverse("casuistry:queue"))
    assert case.title in page(queue)
    assert "Gemeente Lansingerland" in page(queue)
    review_url = reverse("casuistry:review", args=[case.pk])
    assert moderator_client.post(review_url, {"action": "claim"}).status_code == 302
    redacted = moderator_client.post(
        review_url,
        {"action": "redact", "part": "incident", "phrase": "de kleine baas", "label": "NAAM"},
    )
    assert redacted.status_code == 302
    approved = moderator_client.post(review_url, {"action": "approve"})
    assert approved.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.PUBLISHED
    assert "de kleine baas" not in case.parts["incident"]

    # In the library, by profession only.
    reader = Client()
    reader.force_login(member_factories.member())
    library = reader.get(reverse("casuistry:library"))
    assert case.title in page(library)
    detail = reader.get(reverse("casuistry:detail", args=[case.pk]))
    assert detail.status_code == 200
    assert "Jeugdconsulent" in page(detail)
    for who in ("Ineke", "Zeldenrijk", author.email, "Gemeente Lansingerland"):
        assert who not in page(detail)

    # Its discussion: the author appears as "Inbrenger" only.
    thread_url = reverse("forum:thread", kwargs={"pk": case.discussion_thread_id})
    assert thread_url in page(detail)
    discussion = reader.get(thread_url)
    assert discussion.status_code == 200
    assert "Inbrenger" in page(discussion)
    for who in ("Ineke", "Zeldenrijk", author.profile.pseudonym, author.email):
        assert who not in page(discussion)

    # The canary and every removed detail: nowhere.
    for needle in (CANARY, "111222333", "Regenboog", "Dorpsstraat", "Pluisje"):
        assert rows_mentioning(needle) == [], needle
        assert needle not in caplog.text, needle
        for message in mail.outbox:
            assert needle not in message.subject + message.body, needle
        for session in Session.objects.all():
            assert needle not in str(session.get_decoded()), needle
        assert not cache_holds(needle), needle
    assert case.title == "Huisbezoek bij mevrouw [NAAM-1]"


def test_empty_and_overlong_parts_keep_the_input(client, member):
    client.force_login(member)
    response = client.post(
        SUBMIT_URL,
        {**factories.form_data(deel_moment="", deel_vraag="x" * 4001), "action": "preview"},
    )

    assert response.status_code == 200
    assert str(services.ERROR_EMPTY_PART) in page(response)
    assert "Deze tekst is te lang: 4001 tekens, maximaal 4000." in page(response)
    assert "Bij een huisbezoek zag ik blauwe plekken bij het kind." in page(response)
    assert not Case.objects.exists()


@override_settings(PRIVACY_SERVICE_URL="http://127.0.0.1:9")
def test_a_detector_service_that_is_down_keeps_the_input(client, member, caplog):
    client.force_login(member)
    data = factories.form_data(deel_incident=f"Mevrouw {CANARY} belde mij.")

    response = client.post(SUBMIT_URL, {**data, "action": "preview"})

    assert response.status_code == 200
    assert str(services.ERROR_SERVICE_DOWN) in page(response)
    assert f"Mevrouw {CANARY} belde mij." in page(response)
    assert CANARY not in caplog.text
    assert not Case.objects.exists()


def test_going_back_from_the_preview_keeps_the_text(client, member):
    client.force_login(member)
    preview = client.post(SUBMIT_URL, {**factories.form_data(), "action": "preview"})

    back = client.post(SUBMIT_URL, {**hidden_fields(preview), "action": "edit"})

    assert "Controleer mijn tekst" in page(back)
    assert "Bij een huisbezoek zag ik blauwe plekken bij het kind." in page(back)


def test_a_false_find_reaches_the_moderator_as_label_and_placeholder(client, member):
    client.force_login(member)
    data = factories.form_data(deel_incident="Het kind zit op basisschool De Regenboog.")
    preview = client.post(SUBMIT_URL, {**data, "action": "preview"})
    assert "incident|[SCHOOL-1]|SCHOOL" in page(preview)

    client.post(
        SUBMIT_URL,
        {**hidden_fields(preview), "onterecht": ["incident|[SCHOOL-1]|SCHOOL"], "action": "submit"},
    )

    case = Case.objects.get()
    assert case.false_finds == [
        {"part": "incident", "label": "SCHOOL", "placeholder": "[SCHOOL-1]"}
    ]
    moderator = factories.moderator()
    client.force_login(moderator)
    review = client.get(reverse("casuistry:review", args=[case.pk]))
    assert "De inbrenger meldt als onterecht gevonden" in page(review)
    assert "[SCHOOL-1]" in page(review)


def test_text_changed_after_the_preview_is_not_submitted(client, member):
    client.force_login(member)
    preview = client.post(SUBMIT_URL, {**factories.form_data(), "action": "preview"})
    reposted = hidden_fields(preview)
    reposted["deel_vraag"] = [f"Wat vinden jullie van mevrouw {CANARY}?"]

    response = client.post(SUBMIT_URL, {**reposted, "action": "submit"})

    assert response.status_code == 200
    assert str(services.ERROR_CHANGED_SINCE_PREVIEW) in page(response)
    assert not Case.objects.exists()


def test_the_loser_of_a_claim_race_is_told_in_dutch(client):
    first, second = factories.moderator(), factories.moderator()
    case = factories.case(status=Status.SUBMITTED)
    services.claim_case(moderator=first, case=case)
    client.force_login(second)

    response = client.post(
        reverse("casuistry:review", args=[case.pk]), {"action": "claim"}, follow=True
    )

    assert str(services.ERROR_ALREADY_CLAIMED) in page(response)
    case.refresh_from_db()
    assert case.claimed_by == first


def test_withdraw_during_review_hides_the_case_and_stops_the_moderator(client):
    moderator = factories.moderator()
    case = factories.case(status=Status.SUBMITTED)
    services.claim_case(moderator=moderator, case=case)
    client.force_login(case.author)

    response = client.post(reverse("casuistry:withdraw", args=[case.pk]), follow=True)

    assert "Je casus is ingetrokken" in page(response)
    assert "Ingetrokken" in page(response)
    client.force_login(moderator)
    refused = client.post(
        reverse("casuistry:review", args=[case.pk]), {"action": "approve"}, follow=True
    )
    assert str(services.ERROR_WITHDRAWN) in page(refused)
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN


def test_the_author_edits_when_changes_are_asked(client, member):
    moderator = factories.moderator()
    case = factories.case(author=member, status=Status.SUBMITTED)
    services.claim_case(moderator=moderator, case=case)
    services.ask_changes(moderator=moderator, case=case, message="Maak de vraag concreter.")
    client.force_login(member)
    edit_url = reverse("casuistry:edit", args=[case.pk])

    mine = client.get(reverse("casuistry:mine"))
    assert "Maak de vraag concreter." in page(mine)
    assert edit_url in page(mine)
    form_page = client.get(edit_url)
    assert "[NAAM-1] zei dat het kind viel" in page(form_page)
    data = {**factories.form_data(deel_vraag="Wanneer bel ik Veilig Thuis?"), "action": "preview"}
    preview = client.post(edit_url, data)
    client.post(edit_url, {**hidden_fields(preview), "action": "submit"})

    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.parts["vraag"] == "Wanneer bel ik Veilig Thuis?"


def test_others_cannot_edit_or_withdraw_my_case(client, member):
    case = factories.case(status=Status.CHANGES_REQUESTED)
    client.force_login(member)

    assert client.get(reverse("casuistry:edit", args=[case.pk])).status_code == 404
    assert client.post(reverse("casuistry:withdraw", args=[case.pk])).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.CHANGES_REQUESTED


def test_the_library_filters_and_searches(client, member):
    wanted = factories.case(
        title="Dwang in de relatie",
        violence_forms="|dwingende_controle|",
        age_bands="|27-64|",
        setting="zorg",
        meldcode_step=4,
        method="korthagen",
        parts={"handelen": "Ik sprak de partner alleen."},
    )
    other = factories.case(title="Verwaarlozing op school")
    hidden = factories.case(title="Nog niet gepubliceerd", status=Status.SUBMITTED)
    client.force_login(member)
    url = reverse("casuistry:library")

    for query in (
        {"vorm": "dwingende_controle"},
        {"leeftijd": "27-64", "werkveld": "zorg"},
        {"stap": "4"},
        {"methode": "korthagen"},
        {"q": "partner alleen"},
        {"q": "dwang"},
    ):
        text = page(client.get(url, query))
        assert wanted.title in text, query
        assert other.title not in text, query
    assert hidden.title not in page(client.get(url))


def test_unpublished_cases_are_not_in_the_library_detail(client, member):
    case = factories.case(status=Status.IN_REVIEW)
    client.force_login(member)

    assert client.get(reverse("casuistry:detail", args=[case.pk])).status_code == 404


def test_the_queue_is_oldest_first_and_for_moderators_only(client, member):
    import datetime

    from django.utils import timezone

    newer = factories.case(status=Status.SUBMITTED, title="Nieuwer")
    older = factories.case(
        status=Status.SUBMITTED,
        title="Ouder",
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    client.force_login(member)
    assert client.get(reverse("casuistry:queue")).status_code == 403
    assert client.get(reverse("casuistry:review", args=[older.pk])).status_code == 403

    client.force_login(factories.moderator())
    text = page(client.get(reverse("casuistry:queue")))
    assert text.index(older.title) < text.index(newer.title)


def test_the_review_page_shows_recognisability_signals(client):
    moderator = factories.moderator()
    case = factories.case(
        status=Status.SUBMITTED,
        parts={
            "incident": (
                "In Rozenburg ging het mis. Het meisje van 13 jaar werd uit huis geplaatst."
            ),
            "vraag": "Had ik op 3 mei al moeten bellen?",
        },
    )
    client.force_login(moderator)

    text = page(client.get(reverse("casuistry:review", args=[case.pk])))

    # privacy.recognisability: the level counts details across the parts.
    assert "Herkenbaarheid: <strong>hoog</strong>" in text
    assert "wijk: “Rozenburg”" in text
    assert "leeftijd met gebeurtenis: “13 jaar”" in text
    assert "exacte datum: “3 mei”" in text


def test_the_intake_and_review_hide_post_data_from_error_reports(client, member):
    from django.views.debug import SafeExceptionReporterFilter

    client.force_login(member)
    data = factories.form_data(deel_incident=f"Mevrouw {CANARY} belde.")
    response = client.post(SUBMIT_URL, {**data, "action": "preview"})

    request = response.wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    assert CANARY not in str(SafeExceptionReporterFilter().get_post_parameters(request))
    client.force_login(factories.moderator())
    case = factories.case(status=Status.SUBMITTED)
    review = client.post(reverse("casuistry:review", args=[case.pk]), {"action": "claim"})
    assert review.wsgi_request.sensitive_post_parameters == "__ALL__"


def test_the_home_page_links_the_library_for_members(client, home_page, member):
    client.force_login(member)
    text = page(client.get("/"))

    assert 'href="/casussen/"' in text
    assert 'href="/casussen/inbrengen/"' in text
    assert "/casussen/moderatie/" not in text


def test_the_home_page_shows_moderators_the_queue(client, home_page):
    factories.case(status=Status.SUBMITTED)
    client.force_login(factories.moderator())

    assert "1 in de wachtrij" in page(client.get("/"))


def test_the_review_page_rescans_the_stored_text(client):
    # A name the intake missed (stored before a detector learned it), found again.
    case = factories.case(
        status=Status.SUBMITTED,
        parts={"incident": "Ik sprak met Jan de Vries over het kind.", "vraag": "Wat nu?"},
    )
    client.force_login(factories.moderator())

    text = page(client.get(reverse("casuistry:review", args=[case.pk])))

    assert "Een nieuwe scan vindt nog" in text
    assert "Jan de Vries" in text and "(NAAM)" in text


@override_settings(PRIVACY_SERVICE_URL="http://127.0.0.1:9")
def test_the_review_page_says_when_the_scan_is_down(client):
    case = factories.case(status=Status.SUBMITTED)
    client.force_login(factories.moderator())

    text = page(client.get(reverse("casuistry:review", args=[case.pk])))

    assert "De scan op herkenbare gegevens werkt nu niet." in text


def test_the_review_pages_redact_form_posts_its_own_action(client):
    """The redact form as rendered (its hidden fields plus what the moderator types)
    redacts; it used to post no action, so the page silently did nothing."""
    moderator = factories.moderator()
    case = factories.case(status=Status.IN_REVIEW, claimed_by=moderator)
    client.force_login(moderator)
    review_url = reverse("casuistry:review", args=[case.pk])
    rendered = page(client.get(review_url))
    redact_form = rendered[rendered.index('id="vervangen"') :]
    redact_form = redact_form[: redact_form.index("</form>")]

    parser = _Inputs()
    parser.feed(redact_form)
    data = dict(parser.fields)
    response = client.post(
        review_url, {**data, "part": "incident", "phrase": "blauwe plekken", "label": "NAAM"}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert "blauwe plekken" not in case.parts["incident"]


def test_a_library_card_names_the_setting_method_and_step(client, member):
    """The cards read the labels by plain lookup (Case.summary_labels), the same
    labels the detail page shows."""
    case = factories.case(title="Een casus met labels", setting="zorg", method="korthagen")
    client.force_login(member)

    text = page(client.get(reverse("casuistry:library")))

    expected = " · ".join(
        [case.get_setting_display(), case.get_method_display(), case.get_meldcode_step_display()]
    )
    assert expected in text
    assert case.summary_labels == expected.split(" · ")


def test_privacy_checks_of_the_intake_are_limited_per_member_and_minute(client, member, settings):
    # Each preview scans every part (up to 4000 characters each) and stores nothing:
    # the forms' limit (members.privacy_preview) holds here too.
    settings.PRIVACY_CHECKS_PER_MINUTE = 2
    client.force_login(member)
    data = {
        **factories.form_data(deel_incident=f"Mevrouw {CANARY} belde mij."),
        "action": "preview",
    }
    for _ in range(2):
        assert "casuistry/preview.html" in [t.name for t in client.post(SUBMIT_URL, data).templates]

    response = client.post(SUBMIT_URL, data)

    assert response.status_code == 200
    assert "Wacht een minuut" in page(response)
    assert f"Mevrouw {CANARY} belde mij." in page(response)  # the text stays in the form
    assert "casuistry/preview.html" not in [t.name for t in response.templates]
    assert not Case.objects.exists()


def test_a_suspended_member_cannot_preview_or_hand_in_a_case_and_keeps_every_part(client, member):
    # Handing in a case is taking part: a suspended member reads the library but
    # neither has a case checked nor sends one in (probe14b).
    data = factories.form_data()
    client.force_login(member)
    preview = client.post(SUBMIT_URL, {**data, "action": "preview"})
    confirmed = hidden_fields(preview)
    member.profile.suspended_until = timezone.now() + timedelta(days=3)
    member.profile.save(update_fields=["suspended_until"])

    for action, fields in (("preview", data), ("submit", confirmed)):
        response = client.post(SUBMIT_URL, {**fields, "action": action})
        text = page(response)
        assert response.status_code == 200
        assert "Je bent geschorst tot" in text
        assert "casuistry/preview.html" not in [t.name for t in response.templates]
        for part in ("title", "deel_incident", "deel_moment", "deel_vraag"):
            assert data[part] in text  # every part stays in the form
    # The service refuses too, whoever calls it.
    with pytest.raises(ValidationError, match="geschorst tot"):
        services.submit_case(
            author=member,
            data=factories.service_data(),
            confirmed_redacted_parts={},
            false_finds=[],
        )
    assert not Case.objects.exists()


def test_a_suspended_member_reads_why_on_the_intake_and_gets_no_check_button(
    client, member, django_assert_max_num_queries
):
    # Before, the intake drew its form with the "Controleer mijn tekst" button for a
    # suspended member, who learnt only after typing a whole case that it is refused.
    client.force_login(member)
    with django_assert_max_num_queries(50) as before:
        text = page(client.get(SUBMIT_URL))
    assert "Controleer mijn tekst" in text
    assert "data-suspension-note" not in text
    member.profile.suspended_until = timezone.now() + timedelta(days=3)
    member.profile.save(update_fields=["suspended_until"])
    member = type(member).objects.get(pk=member.pk)

    with django_assert_max_num_queries(len(before.captured_queries)):
        text = page(client.get(SUBMIT_URL))

    note = services.suspension_refusal_for(member)
    assert note is not None and "Je bent geschorst tot" in note
    assert text.count(note) == 1
    assert text.index("data-suspension-note") < text.index("utrecht-form site-form")
    assert "Controleer mijn tekst" not in text
    assert 'value="submit"' not in text
    # Sent anyway (a tab opened before): the note once, every part kept.
    data = factories.form_data()
    text = page(client.post(SUBMIT_URL, {**data, "action": "preview"}))
    assert text.count(note) == 1
    assert data["deel_incident"] in text


def test_a_suspended_member_reads_why_already_where_the_method_is_chosen(client, member):
    # The intake's first step (choosing a method) showed no note: a suspended member
    # learnt of the suspension only on the next page.
    member.profile.suspended_until = timezone.now() + timedelta(days=3)
    member.profile.save(update_fields=["suspended_until"])
    client.force_login(member)
    text = page(client.get(reverse("casuistry:submit")))
    assert "Met welke reflectiemethode" in text
    note = services.suspension_refusal_for(type(member).objects.get(pk=member.pk))
    assert note is not None and text.count(note) == 1
