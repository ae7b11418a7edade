"""One search box for the whole site, with results grouped by kind.

Each app registers the kinds it can search with the Wagtail hook
`register_search_kind`; the hook function returns a dict (apps must not import
this package, see ARCHITECTURE.md):

    @hooks.register("register_search_kind")
    def course_pages():
        return {"key": "courses", "label": _("Cursussen"), "order": 20,
                "page_models": [CoursePage, LessonPage]}

    @hooks.register("register_search_kind")
    def forum_threads():
        return {"key": "forum", "label": _("Forum"), "order": 40, "members_only": True,
                "search": forum.selectors.search_threads}

A kind of Wagtail pages is searched live and within the view restrictions the
user passes (a visitor sees public pages only). A kind with its own `search`
callable, called as `search(query, user=user, limit=limit)`, applies its own
visibility rule and returns objects with `title`, `url` and `summary`; when it is
`members_only` it is never even asked for a visitor.

Compound words: Dutch writes "kindermishandeling" as one word, and neither
PostgreSQL's Dutch stemmer nor SQLite's tokenizer splits it, so a search for
"mishandeling" would miss it. When the full-text search leaves room, every
word of four letters or more is also looked for *inside* the title, the search
description and the page type's own plain-text search fields (one query per
kind, on every database).

What people search for is not stored: a search for a name or a street is
exactly what this site must not keep (hence no Wagtail search promotions and
no Query.add_hit())."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NotRequired, Protocol, TypedDict

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.text import Truncator
from wagtail import hooks
from wagtail.models import Page
from wagtail.search import index

from members.permissions import can_use_members_area

from .selectors import AnyUser, hidden_sections_q

SEARCH_KIND_HOOK = "register_search_kind"
RESULTS_PER_KIND = 10
SUMMARY_WORDS = 30
# What a search is made of: words. Quotes, brackets, `*`, `^` and the like are
# syntax to SQLite's FTS5 and PostgreSQL's tsquery (an odd number of `"` was a
# 500 on SQLite); no one typing in the box means them as such.
SEARCH_WORD = re.compile(r"\w+")
# Shorter words inside other words match too much ("de" in "dedeplicatie").
COMPOUND_MIN_LENGTH = 4


class SearchHitLike(Protocol):
    title: str
    url: str
    summary: str


class SearchKindSpec(TypedDict):
    """What a `register_search_kind` hook function returns."""

    key: str
    label: str
    order: NotRequired[int]
    members_only: NotRequired[bool]
    page_models: NotRequired[Sequence[type[Page]]]
    search: NotRequired[Callable[..., Iterable[SearchHitLike]]]


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    summary: str


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: str
    hits: list[SearchHitLike] = field(default_factory=list)


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str
    order: int = 100
    members_only: bool = False
    page_models: tuple[type[Page], ...] = ()
    search: Callable[..., Iterable[SearchHitLike]] | None = None

    @classmethod
    def from_spec(cls, spec: SearchKindSpec) -> SearchKind:
        if bool(spec.get("page_models")) == bool(spec.get("search")):
            raise ValueError(f"Search kind {spec['key']!r} needs page_models or search, not both.")
        return cls(
            key=spec["key"],
            label=spec["label"],
            order=spec.get("order", 100),
            members_only=spec.get("members_only", False),
            page_models=tuple(spec.get("page_models", ())),
            search=spec.get("search"),
        )

    def visible_to(self, user: AnyUser) -> bool:
        # Members-only means an approved member: a sign-up waiting for approval
        # cannot open a lesson, so it is not shown one either.
        return not self.members_only or can_use_members_area(user)


def registered_kinds() -> list[SearchKind]:
    kinds = [SearchKind.from_spec(fn()) for fn in hooks.get_hooks(SEARCH_KIND_HOOK)]
    return sorted(kinds, key=lambda kind: (kind.order, kind.key))


def page_summary(page: Page) -> str:
    text = page.search_description or getattr(page, "intro", "") or ""
    return Truncator(text).words(SUMMARY_WORDS)


def _search_pages(
    kind: SearchKind, query: str, *, hidden: Q, request: HttpRequest, limit: int
) -> list[SearchHitLike]:
    pages = Page.objects.live().type(*kind.page_models)
    if hidden:
        pages = pages.exclude(hidden)
    # Two queries per kind whatever the number of hits: the search, then the
    # specific pages (for their intro) in one query per page type.
    found = list(pages.search(query, operator="and")[:limit])
    if len(found) < limit:
        seen = {page.pk for page in found}
        inside = _compound_q(kind, query)
        if inside:
            more = pages.filter(inside).exclude(pk__in=seen).order_by("path")
            found += list(more[: limit - len(found)])
    specific = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[page.pk for page in found])
        .defer_streamfields()
        .specific()
    }
    hits: list[SearchHitLike] = []
    for page in found:
        page = specific.get(page.pk, page)
        hits.append(SearchHit(page.title, page.get_url(request), page_summary(page)))
    return hits


def _text_fields(model: type[Page]) -> list[str]:
    """The lookups of `model`'s own plain-text search fields (not StreamFields)."""
    lookups = ["title", "search_description"]
    for search_field in model.search_fields:
        if not isinstance(search_field, index.SearchField):
            continue
        field = {f.name: f for f in model._meta.get_fields()}.get(search_field.field_name)
        # A method or property is not in the database: only real text columns.
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.model is not Page:
            lookups.append(f"{model._meta.model_name}__{field.name}")
    return lookups


def _compound_q(kind: SearchKind, query: str) -> Q:
    """Pages of `kind` whose text holds every long word of `query`, also inside
    a longer word; an empty Q when the query has no long word."""
    words = [word for word in query.split() if len(word) >= COMPOUND_MIN_LENGTH]
    if not words:
        return Q()
    lookups = sorted({lookup for model in kind.page_models for lookup in _text_fields(model)})
    matches = Q()
    for word in words:
        any_field = Q()
        for lookup in lookups:
            any_field |= Q(**{f"{lookup}__icontains": word})
        matches &= any_field
    return matches


def search_terms(query: str) -> str:
    """The words of `query`, separated by single spaces: safe for every backend."""
    return " ".join(SEARCH_WORD.findall(query))


def search_site(
    query: str, *, user: AnyUser, request: HttpRequest, limit: int = RESULTS_PER_KIND
) -> list[SearchGroup]:
    """Every kind `user` may see, searched for the words of `query`; kinds without
    hits left out, and no kind asked when `query` holds no word at all."""
    query = search_terms(query)
    if not query:
        return []
    kinds = [kind for kind in registered_kinds() if kind.visible_to(user)]
    hidden = hidden_sections_q(user) if any(kind.page_models for kind in kinds) else Q()
    groups = []
    for kind in kinds:
        if kind.page_models:
            hits = _search_pages(kind, query, hidden=hidden, request=request, limit=limit)
        elif kind.search is not None:
            hits = list(kind.search(query, user=user, limit=limit))[:limit]
        else:
            hits = []
        if hits:
            groups.append(SearchGroup(kind.key, str(kind.label), hits))
    return groups
