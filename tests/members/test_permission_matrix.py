"""Who may open what: every URL name of the project for every kind of user.

A new URL without a row here fails `test_every_url_name_has_a_row`, so each
issue that adds a page also says who may see it. The Wagtail admin's hundreds
of internal views follow Wagtail's own permissions; the admin is represented by
its entry and by every admin view this project adds."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from members.models import MembershipStatus
from tests.members import factories

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "pending", "professional", "ervaringsdeskundige", "moderator", "coordinator")
OK, LOGIN, AWAY, FORBIDDEN, NOT_FOUND, GONE = 200, "login", "redirect", 403, 404, 405

# Prefixes whose URL names belong to Wagtail's admin and document serving.
WAGTAIL_INTERNAL_PREFIXES = ("beheer/", "documenten/")


def row(anonymous, pending, professional, ervaringsdeskundige, moderator, coordinator):
    return dict(
        zip(
            ROLES,
            (anonymous, pending, professional, ervaringsdeskundige, moderator, coordinator),
            strict=True,
        )
    )


def everyone(status):
    return row(*([status] * len(ROLES)))


def logged_in(status, anonymous=LOGIN):
    return row(anonymous, status, status, status, status, status)


ADMIN_ONLY = row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)
# A logged-in user without admin access gets the refusal page (AdminRefusalMiddleware;
# Wagtail would loop through the login), and Wagtail turns a refusal
# inside the admin into a redirect with a message.
COORDINATOR_ONLY = row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, AWAY, OK)

MEMBERS_ONLY = row(LOGIN, FORBIDDEN, OK, OK, OK, OK)
COORDINATOR_REPORTS = row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)
MODERATORS_ONLY = row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN)
FORUM_MISSING = row(LOGIN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
FORUM_POST_ONLY = row(LOGIN, FORBIDDEN, GONE, GONE, GONE, GONE)
STORY_WRITERS = row(LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN)

# url name -> (path, expected per role)
MATRIX: dict[str, tuple[str, dict[str, object]]] = {
    "healthz": ("/healthz", everyone(OK)),
    # The public face (issue 6): search filters its results per user, not its door.
    "site_search": ("/zoeken/?q=hulp", everyone(OK)),
    "sitemap": ("/sitemap.xml", everyone(OK)),
    "robots_txt": ("/robots.txt", everyone(OK)),
    "wagtail_serve": ("/", everyone(OK)),
    "wagtailcore_login": ("/_util/login/", everyone(LOGIN)),
    "wagtailcore_authenticate_with_password": (
        "/_util/authenticate_with_password/999/999/",
        everyone(NOT_FOUND),
    ),
    "wagtailadmin_login_redirect": ("/beheer/login/", everyone(LOGIN)),
    "account_login": ("/account/login/", logged_in(AWAY, anonymous=OK)),
    "account_signup": ("/account/signup/", logged_in(AWAY, anonymous=OK)),
    "account_logout": ("/account/logout/", logged_in(OK, anonymous=AWAY)),
    "account_inactive": ("/account/inactive/", everyone(OK)),
    "account_reauthenticate": ("/account/reauthenticate/", logged_in(OK)),
    "account_email": ("/account/email/", logged_in(OK)),
    "account_email_verification_sent": ("/account/confirm-email/", everyone(OK)),
    "account_confirm_email": ("/account/confirm-email/onzin/", everyone(OK)),
    "account_change_password": ("/account/password/change/", logged_in(OK)),
    "account_set_password": ("/account/password/set/", logged_in(AWAY)),
    "account_reset_password": ("/account/password/reset/", everyone(OK)),
    "account_reset_password_done": ("/account/password/reset/done/", everyone(OK)),
    "account_reset_password_from_key": ("/account/password/reset/key/1-onzin/", everyone(OK)),
    "account_reset_password_from_key_done": ("/account/password/reset/key/done/", everyone(OK)),
    "account_confirm_login_code": ("/account/login/code/confirm/", logged_in(AWAY)),
    "mfa_index": ("/account/2fa/", logged_in(OK)),
    "mfa_authenticate": ("/account/2fa/authenticate/", logged_in(AWAY)),
    "mfa_reauthenticate": ("/account/2fa/reauthenticate/", row(LOGIN, AWAY, AWAY, AWAY, OK, OK)),
    "mfa_activate_totp": ("/account/2fa/totp/activate/", logged_in(AWAY)),
    "mfa_deactivate_totp": (
        "/account/2fa/totp/deactivate/",
        row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, AWAY, AWAY),
    ),
    "mfa_view_recovery_codes": ("/account/2fa/recovery-codes/", logged_in(NOT_FOUND)),
    "mfa_generate_recovery_codes": ("/account/2fa/recovery-codes/generate/", logged_in(AWAY)),
    "mfa_download_recovery_codes": ("/account/2fa/recovery-codes/download/", logged_in(NOT_FOUND)),
    "mfa_list_webauthn": ("/account/2fa/webauthn/", logged_in(OK)),
    "mfa_add_webauthn": ("/account/2fa/webauthn/add/", logged_in(AWAY)),
    "mfa_reauthenticate_webauthn": ("/account/2fa/webauthn/reauthenticate/", logged_in(AWAY)),
    "mfa_remove_webauthn": ("/account/2fa/webauthn/keys/999/remove/", logged_in(AWAY)),
    "mfa_edit_webauthn": ("/account/2fa/webauthn/keys/999/edit/", logged_in(AWAY)),
    "usersessions_list": ("/account/sessions/", logged_in(OK)),
    "members:profile": ("/mijn/profiel/", logged_in(OK)),
    "members:my_data": ("/mijn/gegevens/", logged_in(OK)),
    # POST only: the download is audited, and a GET writes nothing.
    "members:download_my_data": ("/mijn/gegevens/download/", logged_in(GONE)),
    "courses:learning_record": ("/mijn/leerdossier/", MEMBERS_ONLY),
    "courses:learning_record_csv": ("/mijn/leerdossier/leerdossier.csv", MEMBERS_ONLY),
    "courses:learning_record_pdf": ("/mijn/leerdossier/leerdossier.pdf", MEMBERS_ONLY),
    "courses:reflection_log_pdf": ("/mijn/leerdossier/reflectielog.pdf", MEMBERS_ONLY),
    # Only the holder's own code opens; nobody holds this one.
    "courses:certificate_pdf": (
        "/mijn/certificaten/HG-AAAA-BBBB-CCCC.pdf",
        row(LOGIN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    # The completion page after the last lesson: the holder's own code only.
    "courses:completion": (
        "/mijn/certificaten/HG-AAAA-BBBB-CCCC/",
        row(LOGIN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    # Anyone may type a code to verify a certificate.
    "courses:verify_certificate_form": ("/certificaat/", everyone(OK)),
    "courses:verify_certificate": ("/certificaat/HG-AAAA-BBBB-CCCC/", everyone(NOT_FOUND)),
    "courses:reports": ("/rapportages/", COORDINATOR_REPORTS),
    "courses:report_csv": ("/rapportages/rapportage.csv", COORDINATOR_REPORTS),
    # Without a course chosen the coordinator is sent back to the report form.
    "courses:attendance_csv": (
        "/rapportages/presentielijst.csv",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, AWAY),
    ),
    # Casuistry (issue 12): members read and submit; moderators (with MFA) review.
    # Case 999 does not exist: members get 404, not a hint whether it does.
    "casuistry:library": ("/casussen/", MEMBERS_ONLY),
    "casuistry:submit": ("/casussen/inbrengen/", MEMBERS_ONLY),
    "casuistry:mine": ("/casussen/mijn/", MEMBERS_ONLY),
    "casuistry:detail": (
        "/casussen/999/",
        row(LOGIN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    "casuistry:edit": (
        "/casussen/999/aanpassen/",
        row(LOGIN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    # Withdrawing is a POST; GET is refused after the member check.
    "casuistry:withdraw": (
        "/casussen/999/intrekken/",
        row(LOGIN, FORBIDDEN, GONE, GONE, GONE, GONE),
    ),
    "casuistry:queue": ("/casussen/moderatie/", MODERATORS_ONLY),
    "casuistry:review": (
        "/casussen/moderatie/999/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    ),
    # The forum (issue 11): members only; pending members never learn whether a
    # thread exists. Nobody holds thread, post or category 999999 / "bestaat-niet".
    "forum:index": ("/forum/", MEMBERS_ONLY),
    "forum:search": ("/forum/zoeken/?q=meldcode", MEMBERS_ONLY),
    "forum:category": ("/forum/categorie/bestaat-niet/", FORUM_MISSING),
    "forum:new_thread": ("/forum/categorie/bestaat-niet/nieuw/", FORUM_MISSING),
    "forum:thread": ("/forum/gesprek/999999/", FORUM_MISSING),
    "forum:first_unread": ("/forum/gesprek/999999/ongelezen/", FORUM_MISSING),
    "forum:subscribe": ("/forum/gesprek/999999/volgen/", FORUM_POST_ONLY),
    "forum:edit_post": ("/forum/bericht/999999/bewerken/", FORUM_MISSING),
    "forum:delete_post": ("/forum/bericht/999999/verwijderen/", FORUM_POST_ONLY),
    "forum:react": ("/forum/bericht/999999/reactie/", FORUM_POST_ONLY),
    "forum:flag": ("/forum/bericht/999999/melden/", FORUM_MISSING),
    "forum:moderation": ("/forum/moderatie/", MODERATORS_ONLY),
    "forum:moderate_post": (
        "/forum/moderatie/bericht/999999/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    ),
    "forum:moderate_thread": (
        "/forum/moderatie/gesprek/999999/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, GONE, FORBIDDEN),
    ),
    # Warn or suspend the author of a post; lift a suspension (POST only).
    "forum:moderate_member": (
        "/forum/moderatie/bericht/999999/lid/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    ),
    "forum:lift_suspension": (
        "/forum/moderatie/lid/999999/opheffen/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, GONE, FORBIDDEN),
    ),
    # Notifications: every approved member their own; marking read is a POST.
    "notifications:list": ("/meldingen/", MEMBERS_ONLY),
    "notifications:mark_read": ("/meldingen/999999/gelezen/", FORUM_POST_ONLY),
    "notifications:mark_all_read": ("/meldingen/alles-gelezen/", FORUM_POST_ONLY),
    # Intervisie (issue 14): participants only (404 for any other member); moderators
    # and members with the Facilitator role plan.
    "intervisie:mine": ("/intervisie/", MEMBERS_ONLY),
    "intervisie:plan": ("/intervisie/plannen/", MODERATORS_ONLY),
    "intervisie:room": ("/intervisie/999999/", FORUM_MISSING),
    "intervisie:control": ("/intervisie/999999/leiden/", FORUM_POST_ONLY),
    "intervisie:ics": ("/intervisie/999999/agenda.ics", FORUM_MISSING),
    "intervisie:reflection": ("/intervisie/999999/reflectie/", FORUM_MISSING),
    # POST only: joining an open session, the inbrenger naming their new case.
    "intervisie:join": ("/intervisie/999999/aanmelden/", FORUM_POST_ONLY),
    "intervisie:attach_case": ("/intervisie/999999/casus/", FORUM_POST_ONLY),
    "intervisie:confirm_inbrenger": ("/intervisie/999999/inbrenger/", FORUM_POST_ONLY),
    # Stories (issue 13): ervaringsdeskundigen (and moderators) write, moderators review.
    "stories:write": ("/verhalen/schrijven/", STORY_WRITERS),
    # Nobody owns story 999: writers get a 404, everyone else the door.
    "stories:edit": (
        "/verhalen/schrijven/999/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN),
    ),
    "stories:mine": ("/verhalen/mijn/", STORY_WRITERS),
    # POST only: withdrawing takes a story offline.
    "stories:withdraw": ("/verhalen/mijn/999/intrekken/", logged_in(GONE)),
    # POST only: the author closes or reopens their story's discussion.
    "stories:discussion": ("/verhalen/mijn/999/gesprek/", logged_in(GONE)),
    "stories:moderation": ("/verhalen/moderatie/", MODERATORS_ONLY),
    "stories:review": (
        "/verhalen/moderatie/999/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    ),
}

# The Wagtail admin's entry and the admin views this project adds.
ADMIN_MATRIX: dict[str, tuple[str, dict[str, object]]] = {
    "wagtailadmin_home": ("/beheer/", row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)),
    "members_pending": ("/beheer/aanmeldingen/", COORDINATOR_ONLY),
    "members_approve": (
        "/beheer/aanmeldingen/{pending}/goedkeuren/",
        # A decision is a POST; GET is refused (test_signup covers who may POST).
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, GONE, GONE),
    ),
    "members_refuse": (
        "/beheer/aanmeldingen/{pending}/afwijzen/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, AWAY, OK),
    ),
    "member_profiles:index": (
        "/beheer/member_profiles/",
        row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, AWAY, AWAY),  # administrators only
    ),
    "audit_log:index": ("/beheer/audit_log/", row(LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)),
    "wagtailsnippets_members_organisation:list": (
        "/beheer/snippets/members/organisation/",
        COORDINATOR_ONLY,
    ),
}


def project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                walk(
                    pattern.url_patterns,
                    route,
                    f"{namespace}:{ns}" if namespace and ns else ns or namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                if route.startswith(WAGTAIL_INTERNAL_PREFIXES) and pattern.name not in MATRIX:
                    continue
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "", None)
    return names


def test_every_url_name_has_a_row():
    assert project_url_names() == set(MATRIX)


def test_every_admin_view_of_the_project_has_a_row():
    for name in ADMIN_MATRIX:
        reverse(name, kwargs={"pk": 1}) if "{pending}" in ADMIN_MATRIX[name][0] else reverse(name)


@pytest.fixture
def users(db):
    org = factories.organisation("Kwadraad")
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)
    return {
        "anonymous": None,
        "pending": factories.member(role=None, status=MembershipStatus.PENDING, org=org),
        "professional": factories.member(role="Professional"),
        "ervaringsdeskundige": factories.member(role="Ervaringsdeskundige"),
        "moderator": factories.member(role="Moderator", with_mfa=True),
        "coordinator": coordinator,
    }


def outcome(response) -> object:
    if response.status_code in (301, 302):
        target = urlsplit(response["Location"]).path
        with contextlib.suppress(Resolver404):
            if resolve(target).url_name == "account_login":
                return LOGIN
        return AWAY
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_kind_of_user_gets_the_expected_answer_everywhere(client, users, home_page, role):
    if users[role] is not None:
        client.force_login(users[role])
    pending_pk = users["pending"].profile.pk
    mismatches = {}
    for name, (path, expected) in {**MATRIX, **ADMIN_MATRIX}.items():
        response = client.get(path.format(pending=pending_pk))
        got = outcome(response)
        if got != expected[role]:
            mismatches[name] = (path, expected[role], got)

    assert mismatches == {}
