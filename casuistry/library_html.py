"""The library's filter form and results drawn once, kept in the cache.

The library page is the same for every approved member: the published and
archived cases, filtered by what the query string asks. Its filter form, the
page of cards and the page links are kept per query string and language, under
the library's generation, so a visit reads nothing of the cases at all.

The generation is a random token, changed on every save or deletion of any case
(publish, withdraw, archive, feature, an edit by a moderator or in the admin)
and by the erasure of a member's cases: now, and again when the transaction
commits, so a drawing made from the old rows in between is never found again.
A lost generation is replaced by a new token, never reused.

Never kept: a page with a search (`q`): what a member types is not stored.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import get_language

GENERATION = "casuistry:library-html:gen"
BODY = "casuistry:library-html:{lang}:{query}"
TIMEOUT_SECONDS = 60 * 60


# What the filter form and the page links may carry; only `q` is typed by a member.
FILTERS = frozenset({"q", "vorm", "leeftijd", "werkveld", "stap", "methode", "pagina"})


def keepable(query: QueryDict, *, valid: bool = True) -> bool:
    """Only pages without a typed search, whose parameters are the filter form's own
    with values it offers (`valid`: the view's filter form accepted them), are kept:
    anything else was typed (a value the form does not offer is echoed in its error),
    and every new value would be one more kept page in the shared cache."""
    if not valid or any(value.strip() for value in query.getlist("q")):
        return False
    if not set(query) <= FILTERS or any(len(values) > 1 for _name, values in query.lists()):
        return False
    page = query.get("pagina", "1")
    return page.isdigit() and len(page) <= 4


def page_keepable(query: QueryDict, *, valid: bool = True) -> bool:
    """May the whole page be kept for a member (the member page cache): the same
    rule as the body (an address made up by hand keeps nothing)."""
    return keepable(query, valid=valid)


def _key(query: QueryDict) -> str:
    material = repr(sorted((key, sorted(values)) for key, values in query.lists()))
    digest = hashlib.blake2b(material.encode(), digest_size=16).hexdigest()
    return BODY.format(lang=get_language(), query=digest)


def body(
    query: QueryDict, draw: Callable[[], str], *, valid: Callable[[], bool] | bool = True
) -> str:
    """The library's body for this query string: kept, or drawn by `draw` and kept."""
    return body_and_stamp(query, draw, valid=valid)[0]


def body_and_stamp(
    query: QueryDict, draw: Callable[[], str], *, valid: Callable[[], bool] | bool = True
) -> tuple[str, dict[str, str]]:
    """The body and the stamp it belongs to ({generation key: token}; empty when
    the body is not kept): a page showing it is current while the stamp holds.

    `valid` (did the view's filter form accept the query) may be a callable: it is
    asked only when the body is to be drawn and kept. A kept body needs no
    asking: it was only ever kept under its own query string once that was valid."""
    if not keepable(query):
        return draw(), {}
    key = _key(query)
    found = cache.get_many([GENERATION, key])
    generation = found.get(GENERATION)
    if generation is None:
        cache.add(GENERATION, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION)
    kept = found.get(key)
    if generation is not None and isinstance(kept, tuple) and kept[0] == generation:
        return kept[1], {GENERATION: generation}
    html = draw()
    if generation is None or not (valid() if callable(valid) else valid):
        return html, {}
    cache.set(key, (generation, html), TIMEOUT_SECONDS)
    return html, {GENERATION: generation}


def forget() -> None:
    """No kept library page is used again: now and when the transaction commits."""

    def change() -> None:
        cache.set(GENERATION, uuid.uuid4().hex, None)

    change()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(change, robust=True)  # see members.cache_versions


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Case

    def changed(**kwargs: Any) -> None:
        forget()

    post_save.connect(changed, sender=Case, dispatch_uid="casuistry_library_saved", weak=False)
    post_delete.connect(changed, sender=Case, dispatch_uid="casuistry_library_gone", weak=False)
