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


@pytest.mark.django_db
def test_production_serves_hashed_css_with_a_far_future_cache_header(tmp_path, settings, rf):
    import json

    from whitenoise.middleware import WhiteNoiseMiddleware

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "leerwerkplaats.storage.StaticStorage"},
    }
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES=storages, DEBUG=False, WHITENOISE_USE_FINDERS=False
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
        hashed = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]["css/nlds.css"]
        assert hashed != "css/nlds.css"
        middleware = WhiteNoiseMiddleware(get_response=lambda request: None)

        response = middleware(rf.get(settings.STATIC_URL + hashed))

    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
