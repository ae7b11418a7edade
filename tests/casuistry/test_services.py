"""casuistry.services: only redacted text is stored, moderators never collide, every
step is audited, retention archives then deletes."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from casuistry import services
from casuistry.anonymise import anonymise
from casuistry.audit import CASE_ACTIONS, CaseAuditAction
from casuistry.models import Case, Status
from members.models import AuditEvent
from members.services import delete_account, export_personal_data, record_event
from tests.casuistry import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

NAME_AND_SCHOOL = "De moeder, mevrouw Qorvandijk, belde. Het kind zit op basisschool De Regenboog."


def submit(author, **parts):
    data = factories.service_data(**parts)
    texts = {"title": data["title"], **data["parts"]}
    confirmed = anonymise(texts).redacted
    return services.submit_case(
        author=author, data=data, confirmed_redacted_parts=confirmed, false_finds=[]
    )


def in_review(moderator, **fields):
    case = factories.case(status=Status.SUBMITTED, **fields)
    return services.claim_case(moderator=moderator, case=case)


def test_submit_stores_the_redacted_text_only(member):
    case = submit(member, incident=NAME_AND_SCHOOL)

    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
    assert "Qorvandijk" not in str(case.parts)
    assert "Regenboog" not in str(case.parts)
    assert "[SCHOOL-1]" in case.parts["incident"]
    assert case.author == member
    assert case.profession == "jeugdconsulent"
    assert case.organisation_name == member.profile.organisation.name
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_SUBMITTED, object_id=case.pk)


def test_submit_redacts_again_and_refuses_text_that_differs_from_the_preview(member):
    data = factories.service_data(incident=NAME_AND_SCHOOL)
    # A client that claims the text needs no redaction is not believed.
    confirmed = {"title": data["title"], **data["parts"]}

    with pytest.raises(ValidationError) as error:
        services.submit_case(
            author=member, data=data, confirmed_redacted_parts=confirmed, false_finds=[]
        )

    assert error.value.messages == [str(services.ERROR_CHANGED_SINCE_PREVIEW)]
    assert not Case.objects.exists()


def test_a_structured_identifier_blocks_the_submission(member):
    data = factories.service_data(moment="Zijn BSN is 111222333.")
    with pytest.raises(ValidationError) as error:
        services.submit_case(
            author=member,
            data=data,
            confirmed_redacted_parts={"moment": "Zijn BSN is [BSN-1]."},
            false_finds=[],
        )

    assert error.value.message_dict == {"moment": [str(services.ERROR_STRUCTURED)]}
    assert not Case.objects.exists()


@override_settings(PRIVACY_SERVICE_URL="http://127.0.0.1:9")
def test_a_detector_service_that_is_down_stores_nothing_and_says_so(member):
    data = factories.service_data()
    with pytest.raises(ValidationError) as error:
        services.submit_case(author=member, data=data, confirmed_redacted_parts={}, false_finds=[])

    assert error.value.messages == [str(services.ERROR_SERVICE_DOWN)]
    assert not Case.objects.exists()


def test_empty_and_overlong_parts_are_refused_in_dutch(member):
    data = factories.service_data(incident="   ", vraag="x" * 4001)
    with pytest.raises(ValidationError) as error:
        services.submit_case(author=member, data=data, confirmed_redacted_parts={}, false_finds=[])

    assert error.value.message_dict == {
        "incident": [str(services.ERROR_EMPTY_PART)],
        "vraag": [str(services.ERROR_TOO_LONG)],
    }


def test_false_finds_keep_label_and_placeholder_only(member):
    data = factories.service_data(incident=NAME_AND_SCHOOL)
    confirmed = anonymise({"title": data["title"], **data["parts"]}).redacted
    mark = {"part": "incident", "label": "SCHOOL", "placeholder": "[SCHOOL-1]"}

    case = services.submit_case(
        author=member, data=data, confirmed_redacted_parts=confirmed, false_finds=[mark]
    )

    assert case.false_finds == [mark]
    with pytest.raises(ValidationError, match="namen, plaatsen en instellingen"):
        services.submit_case(
            author=member,
            data=data,
            confirmed_redacted_parts=confirmed,
            false_finds=[{"part": "incident", "label": "BSN", "placeholder": "[BSN-1]"}],
        )


def test_placeholders_are_shared_across_parts_and_new_finds_do_not_reuse_numbers():
    result = anonymise(
        {
            "title": "Gesprek met [NAAM-1]",
            "incident": "Jan de Vries woont in Bleiswijk.",
            "vraag": "Wat had ik Jan de Vries moeten zeggen?",
        }
    )

    assert result.parts["title"].redacted == "Gesprek met [NAAM-1]"
    assert result.parts["incident"].redacted.startswith("[NAAM-2] woont in")
    assert "[NAAM-2]" in result.parts["vraag"].redacted


def test_two_moderators_cannot_claim_one_case():
    first, second = factories.moderator(), factories.moderator()
    case = factories.case(status=Status.SUBMITTED)
    stale_copy = Case.objects.get(pk=case.pk)

    services.claim_case(moderator=first, case=case)
    with pytest.raises(ValidationError) as error:
        services.claim_case(moderator=second, case=stale_copy)

    assert error.value.messages == [str(services.ERROR_ALREADY_CLAIMED)]
    case.refresh_from_db()
    assert case.claimed_by == first
    assert case.status == Status.IN_REVIEW
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_CLAIMED).count() == 1


def test_a_moderator_may_only_act_on_a_case_they_claimed():
    first, second = factories.moderator(), factories.moderator()
    case = in_review(first)

    with pytest.raises(ValidationError) as error:
        services.approve(moderator=second, case=case)

    assert error.value.messages == [str(services.ERROR_NOT_CLAIMED_BY_YOU)]


def test_a_withdraw_during_review_wins_over_the_moderator():
    moderator = factories.moderator()
    case = in_review(moderator)

    services.withdraw_case(author=case.author, case=case)
    with pytest.raises(ValidationError) as error:
        services.approve(moderator=moderator, case=case)

    assert error.value.messages == [str(services.ERROR_WITHDRAWN)]
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert not Case.objects.visible_to(case.author).filter(pk=case.pk).exists()


def test_redact_further_uses_the_next_placeholder_of_the_label():
    moderator = factories.moderator()
    case = in_review(moderator)
    text = case.parts["incident"]
    start = text.index("blauwe")

    case = services.redact_further(
        moderator=moderator, case=case, part="incident", start=start, end=start + 6, label="NAAM"
    )

    assert case.parts["incident"].startswith("Bij een huisbezoek zag ik [NAAM-2] plekken")
    event = AuditEvent.objects.get(action=CaseAuditAction.CASE_REDACTED)
    assert event.actor == moderator
    assert event.reason == "incident:NAAM"


def test_redact_phrase_replaces_every_occurrence():
    moderator = factories.moderator()
    case = in_review(moderator, parts={"incident": "Op de Kikkerschool, ja de Kikkerschool."})

    case = services.redact_phrase(
        moderator=moderator, case=case, part="incident", phrase="Kikkerschool", label="SCHOOL"
    )

    assert case.parts["incident"] == "Op de [SCHOOL-1], ja de [SCHOOL-1]."
    with pytest.raises(ValidationError):
        services.redact_phrase(
            moderator=moderator, case=case, part="incident", phrase="Kikkerschool", label="SCHOOL"
        )


def test_edit_title_redacts_the_new_title():
    moderator = factories.moderator()
    case = in_review(moderator)

    case = services.edit_title(
        moderator=moderator, case=case, title="Huisbezoek bij mevrouw Qorvandijk"
    )

    assert "Qorvandijk" not in case.title
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_TITLE_EDITED).exists()


def test_ask_changes_mails_the_author_a_link_without_case_text(django_capture_on_commit_callbacks):
    moderator = factories.moderator()
    case = in_review(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        services.ask_changes(moderator=moderator, case=case, message="Haal de wijk weg.")

    case.refresh_from_db()
    assert case.status == Status.CHANGES_REQUESTED
    assert case.moderator_message == "Haal de wijk weg."
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [case.author.email]
    assert "/casussen/mijn/" in sent.body
    for text in (case.title, "Haal de wijk weg", "blauwe plekken"):
        assert text not in sent.body + sent.subject


def test_resubmit_after_changes_returns_the_case_to_its_moderator(member):
    moderator = factories.moderator()
    case = in_review(moderator, author=member)
    services.ask_changes(moderator=moderator, case=case, message="Schrijf de vraag scherper.")

    data = factories.service_data(vraag="Had ik Veilig Thuis eerder moeten bellen?")
    confirmed = anonymise({"title": data["title"], **data["parts"]}).redacted
    case = services.resubmit_case(
        author=member, case=case, data=data, confirmed_redacted_parts=confirmed, false_finds=[]
    )

    assert case.status == Status.IN_REVIEW
    assert case.claimed_by == moderator
    assert case.parts["vraag"] == "Had ik Veilig Thuis eerder moeten bellen?"


def test_reject_needs_a_reason():
    moderator = factories.moderator()
    case = in_review(moderator)

    with pytest.raises(ValidationError):
        services.reject(moderator=moderator, case=case, reason="  ")
    case = services.reject(moderator=moderator, case=case, reason="Te herkenbaar.")

    assert case.status == Status.REJECTED


def test_approve_publishes_and_opens_the_discussion_with_aliases(member):
    from forum import services as forum_services
    from forum.models import Thread, ThreadAlias

    moderator = factories.moderator()
    case = in_review(moderator)

    case = services.approve(moderator=moderator, case=case)

    assert case.status == Status.PUBLISHED
    assert case.published_at is not None
    assert Case.objects.published().filter(pk=case.pk).exists()
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_APPROVED, actor=moderator)
    thread = Thread.objects.get(pk=Case.objects.get(pk=case.pk).discussion_thread_id)
    assert thread.alias_mode
    assert thread.subject == case
    assert thread.category.slug == "casuistiek"
    assert thread.posts.get().text == case.parts["vraag"]
    forum_services.post_reply(thread=thread, author=member, text="Herkenbaar, dank je.")
    aliases = dict(ThreadAlias.objects.filter(thread=thread).values_list("user_id", "alias"))
    assert aliases == {case.author_id: "Inbrenger", member.pk: "Deelnemer A"}


def test_withdrawing_a_published_case_hides_its_discussion_at_once():
    from forum.models import Thread

    moderator = factories.moderator()
    case = services.approve(moderator=moderator, case=in_review(moderator))

    services.withdraw_case(author=case.author, case=case)

    assert Thread.objects.get(pk=case.discussion_thread_id).hidden
    assert not Case.objects.published().filter(pk=case.pk).exists()


def test_only_moderators_moderate(member):
    case = factories.case(status=Status.SUBMITTED)
    with pytest.raises(services.PermissionDenied):
        services.claim_case(moderator=member, case=case)


def test_featured_cases_come_first_in_the_library():
    moderator = factories.moderator()
    plain = factories.case(title="Gewoon")
    featured = factories.case(title="Uitgelicht")
    services.set_featured(moderator=moderator, case=featured, featured=True)

    assert list(Case.objects.published()) == [featured, plain]


def test_retention_archives_then_deletes_with_the_discussion():
    from forum.models import Thread

    moderator = factories.moderator()
    now = timezone.now()
    discussed = services.approve(moderator=moderator, case=in_review(moderator))
    Case.objects.filter(pk=discussed.pk).update(published_at=now - datetime.timedelta(days=745))
    old = factories.case(published_at=now - datetime.timedelta(days=745))
    recent = factories.case(published_at=now - datetime.timedelta(days=30))
    expired = factories.case(
        status=Status.ARCHIVED,
        published_at=now - datetime.timedelta(days=1200),
        archived_at=now - datetime.timedelta(days=370),
    )

    archived, deleted = services.archive_and_delete_expired(now=now)

    assert (archived, deleted) == (2, 1)
    assert Thread.objects.get(pk=discussed.discussion_thread_id).locked
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == Status.ARCHIVED
    assert old.archived_at == now
    assert recent.status == Status.PUBLISHED
    assert not Case.objects.filter(pk=expired.pk).exists()
    assert AuditEvent.objects.filter(action=CaseAuditAction.CASE_DELETED, object_id=expired.pk)
    archived_again, deleted_again = services.archive_and_delete_expired(
        now=now + datetime.timedelta(days=400)
    )
    assert (archived_again, deleted_again) == (0, 2)
    assert not Thread.objects.filter(pk=discussed.discussion_thread_id).exists()


@override_settings(CASUISTRY_ARCHIVE_AFTER_MONTHS=1)
def test_the_retention_command_uses_the_configured_period():
    case = factories.case(published_at=timezone.now() - datetime.timedelta(days=40))
    out = StringIO()

    call_command("casuistry_retention", stdout=out)

    assert "archived: 1" in out.getvalue()
    case.refresh_from_db()
    assert case.status == Status.ARCHIVED


def test_months_before_keeps_to_the_calendar():
    moment = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert services.months_before(moment, 1) == datetime.datetime(
        2026, 2, 28, 12, tzinfo=datetime.UTC
    )
    assert services.months_before(moment, 24).year == 2024


def test_every_case_action_is_accepted_by_the_audit_log():
    for action in CASE_ACTIONS:
        assert record_event(action=action).action == action


def test_my_data_exports_my_cases_and_erasing_removes_or_detaches_them(member):
    published = factories.case(author=member, title="Mijn gepubliceerde casus")
    factories.case(author=member, status=Status.SUBMITTED, title="Mijn ingediende casus")
    moderator = factories.moderator()
    claimed = factories.case(status=Status.IN_REVIEW, claimed_by=moderator)

    exported = export_personal_data(user=member)["cases"]
    assert sorted(c["title"] for c in exported) == [
        "Mijn gepubliceerde casus",
        "Mijn ingediende casus",
    ]

    delete_account(user=member)
    delete_account(user=moderator)

    assert list(Case.objects.filter(title__startswith="Mijn")) == [published]
    published.refresh_from_db()
    claimed.refresh_from_db()
    assert published.author is None
    assert published.organisation_name == ""
    assert claimed.claimed_by is None


def test_export_holds_nobody_elses_cases(member):
    factories.case(author=member_factories.member(), title="Van een ander")
    assert export_personal_data(user=member)["cases"] == []


def test_an_error_report_from_inside_submit_case_holds_no_case_text(member, monkeypatch):
    import sys

    from django.views.debug import ExceptionReporter

    def broken(*args, **kwargs):
        raise RuntimeError("detector crashed")

    monkeypatch.setattr("privacy.redact_text", broken)
    data = factories.service_data(incident="Mevrouw Qorvandijk belde mij.")
    try:
        services.submit_case(author=member, data=data, confirmed_redacted_parts={}, false_finds=[])
    except RuntimeError:
        frames = ExceptionReporter(None, *sys.exc_info()).get_traceback_frames()
    else:  # pragma: no cover
        pytest.fail("the error did not reach the caller")

    # The frames of casuistry's own code, as an error report shows their variables.
    ours = [f for f in frames if "/casuistry/" in f["filename"] and "/tests/" not in f["filename"]]
    assert {f["function"] for f in ours} >= {"submit_case", "_anonymised", "anonymise"}
    for frame in ours:
        assert "Qorvandijk" not in str(frame["vars"]), frame["function"]
