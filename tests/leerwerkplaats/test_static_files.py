"""Production's static files: collectstatic succeeds with hashed, compressed names."""

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.mark.django_db
def test_collectstatic_with_the_production_storage(tmp_path, settings):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "leerwerkplaats.storage.StaticStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)

    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/site.css": "css/site.' in manifest
    assert '"css/nlds.css": "css/nlds.' in manifest
    assert list(tmp_path.glob("css/site.*.css.gz"))
