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


def local_path(path: str) -> str:
    """`path` as a path on this site: a browser reads `//host/...` and `/\\host/...`
    as another site, and such a path reaches us on any 404 (`//evil.example/x`)."""
    return "/" + path.lstrip("/\\")


def language_url(request: HttpRequest, code: str) -> str:
    """The current page in language `code`, built from the requested path only:
    translate_url reads a leading `//` as a host, so the path is made local before
    and after it."""
    path = local_path(request.path)
    url = local_path(translate_url(path, code))
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


def site_shell(request: HttpRequest) -> dict[str, object]:
    current = get_language()
    languages = [
        {
            "code": code,
            "name": name,
            "url": language_url(request, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "site_languages": languages,
        "veilig_thuis_phone": VEILIG_THUIS_PHONE,
        "veilig_thuis_phone_uri": VEILIG_THUIS_PHONE_URI,
        "emergency_phone": EMERGENCY_PHONE,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "contact_email": settings.CONTACT_EMAIL,
        "approval_working_days": settings.MEMBER_APPROVAL_WORKING_DAYS,
        # Pages are written in Dutch; on the English site their text is marked
        # lang="nl" so screen readers pronounce it as Dutch.
        "content_language": settings.LANGUAGE_CODE,
    }
