"""Mijn gegevens: a member downloads everything held about them, and erases it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse

from leerwerkplaats.settings.environment import BASE_DIR
from members import services
from members.models import AuditAction, AuditEvent, Profile
from tests.members import factories
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def rows_mentioning(needle: str) -> list[str]:
    """Every text column of every model, searched for `needle`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            queryset = model._base_manager.all()
            if isinstance(field, models.JSONField):
                queryset = queryset.annotate(_text=Cast(field.name, models.TextField()))
                lookup = "_text__icontains"
            else:
                lookup = f"{field.name}__icontains"
            if queryset.filter(**{lookup: needle}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.fixture
def anneke(db):
    user = factories.member(
        email="anneke.zwartjes@lansingerland.nl",
        first_name="Anneke",
        last_name="Zwartjes",
        pseudonym="Zonnebloem88",
    )
    factories.give_totp(user)
    return user


def test_the_export_holds_my_data_and_nobody_elses(client, anneke):
    other = factories.member(email="bram@kwadraad.nl", pseudonym="Bram uit Bergschenhoek")
    services.record_event(action=AuditAction.ROLES_CHANGED, actor=other, subject=anneke)
    services.record_event(action=AuditAction.ROLES_CHANGED, actor=anneke, subject=other)
    client.force_login(anneke)

    response = client.post(reverse("members:download_my_data"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    data = json.loads(text)
    assert data["account"]["email"] == "anneke.zwartjes@lansingerland.nl"
    assert data["account"]["profile"]["pseudonym"] == "Zonnebloem88"
    assert data["account"]["two_factor_methods"] == ["totp"]
    assert [e["action"] for e in data["audit_log"]][:1] == ["roles.changed"]
    assert all(e["by_you"] is False for e in data["audit_log"] if e["action"] == "roles.changed")
    for foreign in ("bram@kwadraad.nl", "Bram uit Bergschenhoek", str(other.last_name)):
        assert foreign not in text
    # No secret of the second factor travels in the export.
    assert "secret" not in text
    assert AuditEvent.objects.filter(action=AuditAction.DATA_EXPORTED, subject=anneke).exists()


def test_deleting_the_account_leaves_no_row_that_names_the_member(client, anneke):
    device = Client()
    device.post(reverse("account_login"), {"login": anneke.email, "password": PASSWORD})
    client.force_login(anneke)
    for needle in ("Zwartjes", "anneke.zwartjes@lansingerland.nl", "Zonnebloem88"):
        assert rows_mentioning(needle), needle  # the search really finds them before

    response = client.post(reverse("members:my_data"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    for needle in ("Zwartjes", "Anneke", "anneke.zwartjes", "Zonnebloem88"):
        assert rows_mentioning(needle) == [], needle
    anneke.refresh_from_db()
    assert not anneke.is_active
    assert not anneke.has_usable_password()
    assert Profile.objects.get(user=anneke).erased_at is not None
    # Logged out here and on every other device.
    assert client.get(reverse("members:profile")).status_code == 302
    assert device.get(reverse("members:profile")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DELETED, subject=anneke).exists()


def test_with_sessions_in_the_cache_an_erased_members_sessions_go_from_it_too(client, settings):
    """Sessions in the cache (production, with Redis: members.sessions): the sessions
    are ended through the session engine, so no copy stays in the cache to hold the
    member's session, and the old cookies of every device no longer open a members'
    page."""
    from django.core.cache import cache

    from members.sessions import cache_key_for

    settings.SESSION_ENGINE = "members.sessions"
    member = factories.member()  # without MFA: logged in by the form alone
    device = Client()
    device.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert device.get(reverse("members:profile")).status_code == 200
    keys = [c.cookies[settings.SESSION_COOKIE_NAME].value for c in (client, device)]
    assert all(cache.get(cache_key_for(key)) for key in keys)  # read from the cache

    response = client.post(reverse("members:my_data"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert [cache.get(cache_key_for(key)) for key in keys] == [None, None]
    old_cookie = Client()
    old_cookie.cookies[settings.SESSION_COOKIE_NAME] = keys[1]
    for who in (device, old_cookie):
        answer = who.get(reverse("members:profile"))
        assert answer.status_code == 302 and "/account/login/" in answer["Location"]


def test_a_wrong_password_deletes_nothing_and_says_so_in_dutch(client, anneke):
    client.force_login(anneke)

    response = client.post(reverse("members:my_data"), {"password": "fout", "confirm": "on"})

    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet. Je account is niet verwijderd." in response.content.decode()
    assert rows_mentioning("Zonnebloem88")
    anneke.refresh_from_db()
    assert anneke.is_active


def test_the_audit_log_is_append_only():
    event = services.record_event(action=AuditAction.DATA_EXPORTED)

    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_erased_data_is_gone_from_the_sqlite_file_and_its_write_ahead_log(tmp_path):
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(Path(__file__).with_name("sqlite_erasure.py")),
            str(tmp_path / "db.sqlite3"),
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])

    assert outcome["before"], "the control: the pseudonym was written"
    assert not outcome["after_wal"], "secure_delete and a checkpoint after erasure"
    assert not outcome["after_db"]
    assert outcome["wal_size"] == 0
    # Like media/: the site's own user reads and writes, its group may read.
    assert outcome["mode"] & 0o077 in (0o000, 0o040), oct(outcome["mode"])
