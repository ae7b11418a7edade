"""Changes the site shell makes to the world outside the page tree."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from . import freshness
from .selectors import check_reminder_recipients, stale_help_pages


def send_help_page_check_reminders(*, today: date | None = None) -> int:
    """E-mail each coordinator the list of help pages not checked for six months.

    One message per recipient, so no one sees the others' addresses; nothing is
    sent when every page is current. Returns the number of messages sent."""
    pages = list(stale_help_pages(today=today))
    recipients = list(check_reminder_recipients().values_list("email", flat=True))
    if not pages or not recipients:
        return 0
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    items = [
        {
            "title": page.title,
            "last_checked": page.last_checked,
            "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        }
        for page in pages
    ]
    # Coordinators read Dutch, whatever language the command runs in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + ngettext(
            "%(count)d hulppagina is langer dan zes maanden niet gecontroleerd",
            "%(count)d hulppagina's zijn langer dan zes maanden niet gecontroleerd",
            len(items),
        ) % {"count": len(items)}
        body = render_to_string(
            "leerwerkplaats/emails/help_check_reminder.txt",
            {"pages": items, "months": freshness.CHECK_INTERVAL_MONTHS},
        )
    messages = [EmailMessage(subject, body, to=[email]) for email in recipients]
    return get_connection().send_messages(messages) or 0
