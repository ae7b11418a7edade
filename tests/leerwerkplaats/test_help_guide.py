"""The help guide: its pages, their check dates, the stale notice, the
coordinators' dashboard panel and the reminder e-mail."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from leerwerkplaats import freshness
from leerwerkplaats.models import HelpIndexPage, HelpPage, HomePage, InformationPage
from leerwerkplaats.selectors import check_reminder_recipients
from leerwerkplaats.services import send_help_page_check_reminders
from tests.leerwerkplaats.factories import HelpPageFactory, UserFactory
from tests.members import factories

COORDINATOR_GROUP = "Coordinator"

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_index(help_index):
    """The demo guide with every page checked today: these tests add the overdue
    pages themselves (the seeded regional list starts unchecked, see
    test_regional_help.py)."""
    HelpPage.objects.filter(last_checked__isnull=True).update(last_checked=timezone.localdate())
    return help_index


def frozen_at(day: datetime.date):
    """Freeze Django's clock at noon on `day` (timezone.localdate() reads it)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 7, 15), datetime.date(2026, 1, 15)),
        (datetime.date(2026, 8, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2024, 8, 31), datetime.date(2024, 2, 29)),
        (datetime.date(2026, 3, 10), datetime.date(2025, 9, 10)),
    ],
)
def test_six_months_back_stays_within_the_month(today, expected):
    assert freshness.check_due_before(today) == expected


@pytest.mark.parametrize(
    "slug", ["ik-maak-geweld-mee", "ik-gebruik-geweld", "niet-pluis-gevoel", "professionals"]
)
def test_each_help_page_names_the_ways_in_and_answers_the_questions(client, help_index, slug):
    html = client.get(f"/hulp/{slug}/").content.decode()

    assert 'href="tel:08002000"' in html
    assert 'href="tel:112"' in html
    assert "Laatst gecontroleerd:" in html
    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in html
    assert "Wat gebeurt er als je Veilig Thuis" in html
    assert "anoniem" in html
    # The quick exit is explained with how to clear the browser's history.
    assert "Snel weg" in html
    assert "privévenster" in html
    assert "site-stale-notice" not in html


def test_the_victims_page_names_the_local_team_the_gp_and_the_chat(client, help_index):
    html = client.get("/hulp/ik-maak-geweld-mee/").content.decode()

    assert "Het lokale team in je gemeente" in html
    assert "Je huisarts" in html
    assert "chat" in html
    assert "gratis · anoniem als je wilt · 24 uur per dag, 7 dagen per week" in html


def test_stale_notice_appears_once_the_page_is_six_months_unchecked(client, help_index):
    page = HelpPageFactory(parent=help_index, last_checked=datetime.date(2026, 1, 15))
    url = page.get_url()

    with frozen_at(datetime.date(2026, 7, 15)):
        assert "site-stale-notice" not in client.get(url).content.decode()
    with frozen_at(datetime.date(2026, 7, 16)):
        html = client.get(url).content.decode()

    assert "site-stale-notice" in html
    assert "langer dan zes maanden niet gecontroleerd" in html
    assert '<time datetime="2026-01-15">15 januari 2026</time>' in html


def test_help_index_lists_its_pages_in_the_editors_order(client, help_index):
    html = client.get("/hulp/").content.decode()

    titles = ["Ik maak geweld mee", "Ik gebruik zelf geweld", "Ik heb een niet-pluis gevoel"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)


def test_page_tree_rules_keep_help_pages_under_the_index():
    assert HelpPage.can_exist_under(HelpIndexPage())
    assert not HelpPage.can_exist_under(HomePage())
    assert HelpIndexPage.can_exist_under(HomePage())
    assert InformationPage.can_exist_under(HomePage())
    assert not InformationPage.can_exist_under(HelpIndexPage())


# --- the coordinators' dashboard ------------------------------------------------


def test_dashboard_shows_coordinators_the_pages_not_checked_for_six_months(
    client, help_index, superuser
):
    HelpPageFactory(parent=help_index, title="Oude pagina", last_checked=datetime.date(2025, 1, 2))
    client.force_login(superuser)

    html = client.get("/beheer/").content.decode()

    assert "Hulppagina's die langer dan 6 maanden niet zijn gecontroleerd" in html
    assert "Oude pagina" in html
    # The current demo pages are not listed.
    assert "Ik maak geweld mee" not in html


def test_dashboard_panel_is_absent_while_every_page_is_current(client, help_index, superuser):
    client.force_login(superuser)

    html = client.get("/beheer/").content.decode()

    assert "stale-help-pages" not in html


def test_dashboard_panel_is_for_coordinators_only(client, help_index):
    HelpPageFactory(parent=help_index, title="Oude pagina", last_checked=datetime.date(2025, 1, 2))
    editor = UserFactory()
    editors = Group.objects.get(name="Editors")  # Wagtail's own group with admin access
    editor.groups.add(editors)
    client.force_login(editor)

    html = client.get("/beheer/").content.decode()

    assert client.get("/beheer/").status_code == 200
    assert "Oude pagina" not in html


# --- the reminder e-mail ----------------------------------------------------------


def test_reminder_goes_to_superusers_while_no_one_is_a_coordinator(help_index, superuser):
    HelpPageFactory(parent=help_index, title="Oude pagina", last_checked=datetime.date(2025, 1, 2))

    with frozen_at(datetime.date(2026, 3, 1)):
        sent = send_help_page_check_reminders()

    assert sent == 1
    [message] = mail.outbox
    assert message.to == [superuser.email]
    assert message.subject == (
        "[HG Leerwerkplaats] 1 hulppagina is langer dan zes maanden niet gecontroleerd"
    )
    assert "Oude pagina (laatst gecontroleerd: 2 januari 2025)" in message.body
    assert "http://testserver/beheer/pages/" in message.body


def test_reminder_goes_to_each_coordinator_separately(help_index, superuser):
    HelpPageFactory(parent=help_index, last_checked=datetime.date(2025, 1, 2))
    first = factories.member(role="Coordinator", with_mfa=True)
    second = factories.member(role="Coordinator", with_mfa=True)

    with frozen_at(datetime.date(2026, 3, 1)):
        sent = send_help_page_check_reminders()

    assert sent == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    assert all(len(message.to) == 1 for message in mail.outbox)


def test_an_empty_coordinator_group_falls_back_to_the_superusers(superuser):
    Group.objects.get_or_create(name=COORDINATOR_GROUP)

    assert list(check_reminder_recipients()) == [superuser]


def test_no_reminder_while_every_page_is_current(help_index, superuser):
    assert send_help_page_check_reminders() == 0
    assert mail.outbox == []


def test_the_command_sends_the_reminders_and_can_only_list_them(help_index, superuser):
    HelpPageFactory(parent=help_index, title="Oude pagina", last_checked=datetime.date(2025, 1, 2))

    out = StringIO()
    call_command("remind_help_page_checks", "--dry-run", stdout=out)
    assert "2025-01-02  Oude pagina" in out.getvalue()
    assert superuser.email in out.getvalue()
    assert mail.outbox == []

    call_command("remind_help_page_checks", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_only_whom_members_permissions_call_a_coordinator_gets_the_reminder(help_index, superuser):
    """One rule: the group name alone (no MFA, not approved) makes no coordinator."""
    HelpPageFactory(parent=help_index, last_checked=datetime.date(2025, 1, 2))
    coordinator = factories.member(role="Coordinator", with_mfa=True)
    factories.member(role="Coordinator")  # no MFA yet
    factories.member(role="Coordinator", status="pending", with_mfa=True)
    group = Group.objects.get(name=COORDINATOR_GROUP)
    group.user_set.add(UserFactory())  # no profile at all

    with frozen_at(datetime.date(2026, 3, 1)):
        sent = send_help_page_check_reminders()

    assert sent == 1
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
