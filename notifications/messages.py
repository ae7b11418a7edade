"""The texts of notifications, by key: a notification stores a key and its
parameters, and its words are made when it is shown, in the reader's language
(the list page, the live bell, an e-mail). So a notification made while the site
spoke Dutch reads in English on /en/meldingen/.

Parameters are never the text of a post, a case or a story. A parameter named in
`labels` holds a Dutch label that is itself a message id (a reason, a status), so
it is translated as well; one named in `moments` holds an ISO date-time, written
out in the reader's language. Rows from before the keys have no key: they show
their stored (Dutch) title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import translate_url
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Message:
    text: Any
    labels: tuple[str, ...] = ()
    moments: tuple[str, ...] = ()


FORUM_REPLY = "forum.reply"
FORUM_REPLY_GENERIC = "forum.reply_generic"
FORUM_MENTION = "forum.mention"
FORUM_MENTION_GENERIC = "forum.mention_generic"
FORUM_WARNING = "forum.warning"
FORUM_SUSPENDED = "forum.suspended"
FORUM_SUSPENSION_LIFTED = "forum.suspension_lifted"
STORY_PUBLISHED = "stories.published"
STORY_SCHEDULED = "stories.scheduled"
STORY_CHANGES_REQUESTED = "stories.changes_requested"
CASE_STATUS = "casuistry.status"
INTERVISIE_INBRENGER_REMINDER = "intervisie.inbrenger_reminder"
INTERVISIE_INBRENGER_CASE_MISSING = "intervisie.inbrenger_case_missing"
INTERVISIE_INBRENGER_REPLACED = "intervisie.inbrenger_replaced"

#: Every text a notification can have. A thread's title is named only in an
#: ordinary thread (its title is privacy-checked and public to its readers); a
#: discussion of a case or a story gets a generic phrase.
MESSAGES: dict[str, Message] = {
    FORUM_REPLY: Message(_('Er is een nieuwe reactie in "%(thread)s"')),
    FORUM_REPLY_GENERIC: Message(_("Er is een nieuwe reactie in een gesprek dat je volgt")),
    FORUM_MENTION: Message(_('Je bent genoemd in "%(thread)s"')),
    FORUM_MENTION_GENERIC: Message(_("Je bent genoemd in een gesprek")),
    FORUM_WARNING: Message(_("Waarschuwing van een moderator: %(reason)s"), labels=("reason",)),
    FORUM_SUSPENDED: Message(
        _(
            "Je bent geschorst tot %(until)s: %(reason)s. Tot dan kun je lezen, maar niet "
            "schrijven, reageren of melden."
        ),
        labels=("reason",),
        moments=("until",),
    ),
    FORUM_SUSPENSION_LIFTED: Message(
        _("Je schorsing is opgeheven: je kunt weer meedoen op het forum.")
    ),
    STORY_PUBLISHED: Message(_("Je verhaal is gepubliceerd")),
    STORY_SCHEDULED: Message(
        _("Je verhaal is goedgekeurd en verschijnt op %(moment)s"), moments=("moment",)
    ),
    STORY_CHANGES_REQUESTED: Message(_("Een moderator vraagt je een wijziging in je verhaal")),
    CASE_STATUS: Message(_("Je casus heeft een nieuwe status: %(status)s"), labels=("status",)),
    INTERVISIE_INBRENGER_REMINDER: Message(
        _("Herinnering: op %(moment)s breng je je casus in bij de intervisie (%(method)s)"),
        moments=("moment",),
    ),
    INTERVISIE_INBRENGER_CASE_MISSING: Message(
        _(
            "Herinnering: op %(moment)s breng je je casus in bij de intervisie (%(method)s). "
            "Koppel je casus nog in de sessie."
        ),
        moments=("moment",),
    ),
    INTERVISIE_INBRENGER_REPLACED: Message(
        _(
            "Je bent niet meer gevraagd als inbrenger bij de intervisie (%(method)s) op "
            "%(moment)s: de gespreksleider heeft een ander gevraagd. Je doet mee als deelnemer."
        ),
        moments=("moment",),
    ),
}


def format_moment(value: Any) -> str:
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def storable_params(params: Mapping[str, Any] | None) -> dict[str, str]:
    """Parameters as JSON can keep them: strings, date-times in ISO form."""
    stored: dict[str, str] = {}
    for name, value in (params or {}).items():
        stored[str(name)] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return stored


def render(key: str, params: Mapping[str, Any] | None, fallback: str = "") -> str:
    """The text of message `key` in the active language; `fallback` (the stored
    title) for a row without a key or with a key this version does not know."""
    message = MESSAGES.get(key)
    if message is None:
        return fallback
    values: dict[str, str] = {}
    for name, value in (params or {}).items():
        if name in message.labels:
            values[name] = gettext(str(value))
        elif name in message.moments:
            values[name] = format_moment(value)
        else:
            values[name] = str(value)
    try:
        return str(message.text) % values
    except (KeyError, TypeError, ValueError):
        return fallback


def localized_url(url: str) -> str:
    """A stored address (made in the site's language, Dutch) for the active
    language: /forum/... reads /en/forum/... on an English page. An address that
    is not one of the site's views stays as it is."""
    language = get_language()
    if not url or language in (None, settings.LANGUAGE_CODE):
        return url
    with override(settings.LANGUAGE_CODE):
        return translate_url(url, language)
