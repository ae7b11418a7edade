"""What every page of the site shell needs: the language switcher, the quick
exit and the numbers for help, which stand in the footer of every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

VEILIG_THUIS_PHONE = "0800-2000"
VEILIG_THUIS_PHONE_URI = "tel:08002000"
EMERGENCY_PHONE = "112"


def site_shell(request: HttpRequest) -> dict[str, object]:
    current = get_language()
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {
        "site_languages": languages,
        "veilig_thuis_phone": VEILIG_THUIS_PHONE,
        "veilig_thuis_phone_uri": VEILIG_THUIS_PHONE_URI,
        "emergency_phone": EMERGENCY_PHONE,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        # Pages are written in Dutch; on the English site their text is marked
        # lang="nl" so screen readers pronounce it as Dutch.
        "content_language": settings.LANGUAGE_CODE,
    }
