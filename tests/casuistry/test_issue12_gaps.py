"""Issue 12, the points a first build left partial: the moderator's own words pass
the privacy gate, moderators see who wrote a case and who did what to it, "Mijn
casussen" in every state, withdraw at any time (archived too) hides the case and
its discussion, withdrawn and rejected cases do not stay forever, and the canary
typed into every moderator field and the library's search is nowhere afterwards."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from casuistry import services
from casuistry.anonymise import anonymise
from casuistry.audit import CaseAuditAction
from casuistry.methods import Method
from casuistry.models import Case, Status
from members.models import AuditEvent
from members.selectors import audit_events_visible_to
from tests.cache_contents import cache_holds
from tests.casuistry import factories
from tests.casuistry.test_views import hidden_fields, page
from tests.members import factories as member_factories
from tests.members.test_privacy_rights import rows_mentioning

pytestmark = pytest.mark.django_db

CANARY = "Wervelbrink"


def url(name: str, *args) -> str:
    with translation.override("nl"):
        return reverse(name, args=args)


def in_review(moderator, **fields) -> Case:
    case = factories.case(status=Status.SUBMITTED, **fields)
    return services.claim_case(moderator=moderator, case=case)


# --- the moderator's message passes the privacy gate --------------------------------


def test_the_moderators_message_is_redacted_before_it_is_stored():
    moderator = factories.moderator()
    case = in_review(moderator)

    services.ask_changes(
        moderator=moderator, case=case, message=f"Haal de naam van mevrouw {CANARY} weg."
    )

    case.refresh_from_db()
    assert case.status == Status.CHANGES_REQUESTED
    assert CANARY not in case.moderator_message
    assert "[NAAM-" in case.moderator_message


def test_a_structured_identifier_in_the_message_refuses_it_and_changes_nothing():
    moderator = factories.moderator()
    case = in_review(moderator)

    for action in (services.ask_changes, services.reject):
        keyword = "message" if action is services.ask_changes else "reason"
        with pytest.raises(ValidationError) as error:
            action(moderator=moderator, case=case, **{keyword: "Zijn BSN 111222333 staat erin."})
        assert error.value.message_dict == {"message": [str(services.ERROR_MESSAGE_STRUCTURED)]}

    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.moderator_message == ""


@override_settings(PRIVACY_SERVICE_URL="http://127.0.0.1:9")
def test_a_detector_that_is_down_keeps_the_moderators_message_in_the_form(client, caplog):
    moderator = factories.moderator()
    case = in_review(moderator)
    client.force_login(moderator)

    response = client.post(
        url("casuistry:review", case.pk),
        {"action": "ask", "message": f"Laat mevrouw {CANARY} weg."},
    )

    assert response.status_code == 200
    assert str(services.ERROR_SERVICE_DOWN) in page(response)
    assert f"Laat mevrouw {CANARY} weg." in page(response)  # nothing lost
    assert CANARY not in caplog.text
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW


def test_a_bsn_in_the_message_is_refused_in_dutch_and_the_text_stays(client):
    moderator = factories.moderator()
    case = in_review(moderator)
    client.force_login(moderator)

    response = client.post(
        url("casuistry:review", case.pk),
        {"action": "reject", "message": "Het BSN 111222333 staat in deel 1."},
    )

    assert response.status_code == 200
    assert str(services.ERROR_MESSAGE_STRUCTURED) in page(response)
    assert "Het BSN 111222333 staat in deel 1." in page(response)
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW


def test_edit_title_refuses_a_structured_identifier_and_keeps_the_old_title():
    moderator = factories.moderator()
    case = in_review(moderator, title="Twijfel na een huisbezoek")

    with pytest.raises(ValidationError) as error:
        services.edit_title(moderator=moderator, case=case, title="Casus van BSN 111222333")

    assert error.value.message_dict == {"title": [str(services.ERROR_STRUCTURED)]}
    case.refresh_from_db()
    assert case.title == "Twijfel na een huisbezoek"


# --- who wrote it, who did what -----------------------------------------------------


def test_moderators_see_the_author_and_members_never_do(client):
    author = member_factories.member(first_name="Ineke", last_name="Zeldenrijk")
    waiting = factories.case(author=author, status=Status.SUBMITTED, title="Wacht op een moderator")
    published = factories.case(author=author, title="In de bibliotheek")

    client.force_login(factories.moderator())
    queue = page(client.get(url("casuistry:queue")))
    assert "Ineke Zeldenrijk" in queue
    assert "Jeugdconsulent" in queue and "Gemeente Lansingerland" in queue
    assert "Ineke Zeldenrijk" in page(client.get(url("casuistry:review", waiting.pk)))

    client.force_login(member_factories.member())
    for response in (
        client.get(url("casuistry:library")),
        client.get(url("casuistry:detail", published.pk)),
    ):
        assert published.title in page(response)
        for who in ("Ineke", "Zeldenrijk", author.email, "Gemeente Lansingerland"):
            assert who not in page(response)


def test_every_moderation_step_is_audited_and_a_second_moderator_sees_who_did_it(client):
    first = member_factories.member(
        role="Moderator", with_mfa=True, first_name="Mirjam", last_name="Eerste"
    )
    second = factories.moderator()
    case = factories.case(status=Status.SUBMITTED)
    start = case.parts["incident"].index("blauwe")

    services.claim_case(moderator=first, case=case)
    services.redact_further(
        moderator=first, case=case, part="incident", start=start, end=start + 6, label="NAAM"
    )
    services.redact_phrase(
        moderator=first, case=case, part="moment", phrase="Veilig Thuis", label="INSTELLING"
    )
    services.edit_title(moderator=first, case=case, title="Een huisbezoek dat bleef hangen")
    services.ask_changes(moderator=first, case=case, message="Schrijf de vraag scherper.")
    data = factories.service_data(vraag="Wanneer had ik moeten bellen?")
    services.resubmit_case(
        author=case.author,
        case=case,
        data=data,
        confirmed_redacted_parts=anonymise({"title": data["title"], **data["parts"]}).redacted,
        false_finds=[],
    )
    services.approve(moderator=first, case=case)
    services.set_featured(moderator=first, case=case, featured=True)

    expected = [
        CaseAuditAction.CASE_CLAIMED,
        CaseAuditAction.CASE_REDACTED,
        CaseAuditAction.CASE_REDACTED,
        CaseAuditAction.CASE_TITLE_EDITED,
        CaseAuditAction.CASE_CHANGES_ASKED,
        CaseAuditAction.CASE_RESUBMITTED,
        CaseAuditAction.CASE_APPROVED,
        CaseAuditAction.CASE_FEATURED,
    ]
    seen = list(
        audit_events_visible_to(second)
        .filter(object_type="casuistry.Case", object_id=str(case.pk))
        .order_by("created_at", "id")
        .values_list("action", "actor_id")
    )
    assert [action for action, _actor in seen] == expected
    assert {actor for action, actor in seen if action != CaseAuditAction.CASE_RESUBMITTED} == {
        first.pk
    }

    # ... and on the case's own review page, by name, in order.
    client.force_login(second)
    text = page(client.get(url("casuistry:review", case.pk)))
    history = text[text.index('id="geschiedenis-kop"') :]
    for label in ("Casus opgepakt", "Casus verder geanonimiseerd", "Casus gepubliceerd"):
        assert f"{label}, door Mirjam Eerste" in history, label
    assert history.index("Casus opgepakt") < history.index("Casus gepubliceerd")
    assert "Wijziging van casus gevraagd" in history


def test_a_reject_is_audited_with_its_moderator():
    moderator = factories.moderator()
    case = in_review(moderator)

    services.reject(moderator=moderator, case=case, reason="Te herkenbaar.")

    assert AuditEvent.objects.filter(
        action=CaseAuditAction.CASE_REJECTED, actor=moderator, object_id=str(case.pk)
    ).exists()


# --- "Mijn casussen" in every state ----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "label", "editable", "withdrawable"),
    [
        (Status.SUBMITTED, "Ingediend", False, True),
        (Status.IN_REVIEW, "In behandeling", False, True),
        (Status.CHANGES_REQUESTED, "Wijziging gevraagd", True, True),
        (Status.PUBLISHED, "Gepubliceerd", False, True),
        (Status.REJECTED, "Afgewezen", False, False),
        (Status.WITHDRAWN, "Ingetrokken", False, False),
        (Status.ARCHIVED, "Gearchiveerd", False, True),
    ],
)
def test_my_cases_show_status_message_and_what_i_may_do(
    client, member, status, label, editable, withdrawable
):
    case = factories.case(
        author=member, status=status, moderator_message="Laat de sportclub weg, alsjeblieft."
    )
    client.force_login(member)

    text = page(client.get(url("casuistry:mine")))

    assert f"Status: <strong>{label}</strong>" in text
    assert "Laat de sportclub weg, alsjeblieft." in text
    assert (url("casuistry:edit", case.pk) in text) is editable
    assert (url("casuistry:withdraw", case.pk) in text) is withdrawable


# --- withdraw at any time: the case and its discussion at once ------------------------


def test_withdrawing_a_published_case_hides_it_and_its_discussion_from_colleagues(client):
    moderator = factories.moderator()
    case = services.approve(moderator=moderator, case=in_review(moderator))
    colleague = Client()
    colleague.force_login(member_factories.member())
    thread_url = url("forum:thread", case.discussion_thread_id)
    assert colleague.get(url("casuistry:detail", case.pk)).status_code == 200
    assert colleague.get(thread_url).status_code == 200
    client.force_login(case.author)

    response = client.post(url("casuistry:withdraw", case.pk), follow=True)

    assert "Je casus is ingetrokken" in page(response)
    assert colleague.get(url("casuistry:detail", case.pk)).status_code == 404
    assert colleague.get(thread_url).status_code == 404
    assert case.title not in page(colleague.get(url("casuistry:library")))


def test_an_archived_case_can_still_be_withdrawn():
    moderator = factories.moderator()
    case = services.approve(moderator=moderator, case=in_review(moderator))
    Case.objects.filter(pk=case.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=800)
    )
    services.archive_and_delete_expired()
    case.refresh_from_db()
    assert case.status == Status.ARCHIVED

    services.withdraw_case(author=case.author, case=case)

    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert not Case.objects.visible_to(case.author).filter(pk=case.pk).exists()
    from forum.models import Thread

    assert Thread.objects.get(pk=case.discussion_thread_id).hidden


def test_an_archived_case_is_read_only_and_its_discussion_takes_no_reply(client, member):
    from forum import services as forum_services
    from forum.models import Thread

    moderator = factories.moderator()
    case = services.approve(moderator=moderator, case=in_review(moderator))
    Case.objects.filter(pk=case.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=800)
    )
    services.archive_and_delete_expired()
    client.force_login(member)

    text = page(client.get(url("casuistry:detail", case.pk)))

    assert "Deze casus is gearchiveerd" in text
    thread = Thread.objects.get(pk=case.discussion_thread_id)
    with pytest.raises(PermissionDenied):
        forum_services.post_reply(thread=thread, author=member, text="Nog een reactie.")
    assert thread.posts.count() == 1


def test_withdrawn_and_rejected_cases_are_deleted_after_the_further_period():
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=400)
    withdrawn = factories.case(status=Status.WITHDRAWN, withdrawn_at=long_ago)
    rejected = factories.case(status=Status.REJECTED)
    Case.objects.filter(pk=rejected.pk).update(updated_at=long_ago)
    recent = factories.case(status=Status.WITHDRAWN, withdrawn_at=now)

    archived, deleted = services.archive_and_delete_expired(now=now)

    assert (archived, deleted) == (0, 2)
    assert list(Case.objects.all()) == [recent]
    assert (
        AuditEvent.objects.filter(
            action=CaseAuditAction.CASE_DELETED, object_id__in=[str(withdrawn.pk), str(rejected.pk)]
        ).count()
        == 2
    )


# --- the canary in every moderator field and the library's search --------------------


def test_the_canary_typed_into_every_moderator_field_and_the_search_is_nowhere(client, caplog):
    caplog.set_level(logging.DEBUG)
    author = member_factories.member()
    moderator = factories.moderator()
    case = factories.case(author=author, status=Status.SUBMITTED)
    review_url = url("casuistry:review", case.pk)
    client.force_login(moderator)
    client.post(review_url, {"action": "claim"})

    steps = [
        {"action": "title", "title": f"Gesprek met mevrouw {CANARY}"},
        # Text that is not in the case: refused, and not kept.
        {"action": "redact", "part": "incident", "phrase": CANARY, "label": "NAAM"},
        {"action": "redact", "part": "incident", "phrase": "blauwe plekken", "label": "NAAM"},
        {"action": "ask", "message": f"Laat mevrouw {CANARY} weg."},
    ]
    for data in steps:
        client.post(review_url, data)
    case.refresh_from_db()
    assert case.status == Status.CHANGES_REQUESTED

    # The author edits (the canary in every part), then the moderator rejects.
    author_client = Client()
    author_client.force_login(author)
    edit_url = url("casuistry:edit", case.pk)
    form = factories.form_data(
        title=f"Huisbezoek bij mevrouw {CANARY}",
        deel_incident=f"Mevrouw {CANARY} opende de deur.",
        deel_moment=f"Ik twijfelde over mevrouw {CANARY}.",
        deel_vraag=f"Wat zeggen jullie tegen mevrouw {CANARY}?",
    )
    preview = author_client.post(edit_url, {**form, "action": "preview"})
    author_client.post(edit_url, {**hidden_fields(preview), "action": "submit"})
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    client.post(review_url, {"action": "reject", "message": f"Nog steeds mevrouw {CANARY}."})
    case.refresh_from_db()
    assert case.status == Status.REJECTED

    # A colleague searches the library for it.
    reader = Client()
    reader.force_login(member_factories.member())
    reader.get(url("casuistry:library"), {"q": CANARY})

    assert rows_mentioning(CANARY) == []
    assert CANARY not in caplog.text
    for message in mail.outbox:
        assert CANARY not in message.subject + message.body
    for session in Session.objects.all():
        assert CANARY not in str(session.get_decoded())
    assert not cache_holds(CANARY)


# --- the guided form for every method; "uitgelicht" from the review page ------------


@pytest.mark.parametrize("method", [m.value for m in Method])
def test_every_method_asks_its_own_parts_with_guidance_and_submits(client, member, method):
    from casuistry.methods import parts_for

    client.force_login(member)
    submit_url = url("casuistry:submit") + f"?methode={method}"
    form_page = page(client.get(submit_url))
    parts = parts_for(method)
    assert parts
    for part in parts:
        assert escape(str(part.label)) in form_page
        assert str(part.guidance).strip()
        assert escape(str(part.guidance)) in form_page

    data = {
        **factories.form_data(method=method),
        **{f"deel_{part.key}": f"Een zin voor {part.key}." for part in parts},
        "action": "preview",
    }
    for key in ("deel_incident", "deel_moment", "deel_vraag"):
        if key.removeprefix("deel_") not in {part.key for part in parts}:
            data.pop(key)
    preview = client.post(submit_url, data)
    assert "Controleer je casus" in page(preview)
    done = client.post(submit_url, {**hidden_fields(preview), "action": "submit"})

    assert done.status_code == 302
    case = Case.objects.get()
    assert case.method == method
    assert set(case.parts) == {part.key for part in parts}


def test_a_moderator_marks_a_case_uitgelicht_from_its_page_and_the_library_shows_it(client, member):
    plain = factories.case(title="Een gewone casus")
    chosen = factories.case(title="Een casus voor de cursus")
    client.force_login(member)
    assert client.post(url("casuistry:review", chosen.pk), {"action": "feature"}).status_code == 403
    client.force_login(factories.moderator())

    response = client.post(url("casuistry:review", chosen.pk), {"action": "feature"})

    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.featured
    client.force_login(member)
    text = page(client.get(url("casuistry:library")))
    assert "Uitgelicht" in text
    assert text.index(chosen.title) < text.index(plain.title)
    # Courses and intervisie choose from the library with the featured cases first.
    from casuistry import selectors

    assert selectors.published_cases()[0].pk == chosen.pk
