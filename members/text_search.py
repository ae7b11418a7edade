"""Full-text search over a queryset, the same way for every app (the forum's posts,
the case library): PostgreSQL's full text with the Dutch configuration, ranked,
when the database is PostgreSQL; a portable `icontains` on every word otherwise
(SQLite in development and in `make test`).

Only words are searched: quotes, brackets and operators are syntax to tsquery and
nobody typing in a search box means them as such. The query itself is never
stored or logged (a search for a name is exactly what this platform must not keep).
Plain Python over Django's ORM: no app is imported."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet

#: The text search configuration PostgreSQL stems and drops stop words with.
CONFIG = "dutch"
#: At most this many words of a query are used.
MAX_WORDS = 10
WORD = re.compile(r"\w+")


def words_of(query: str) -> list[str]:
    return WORD.findall(query or "")[:MAX_WORDS]


def uses_full_text(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def matching(queryset: QuerySet, query: str, *, fields: Sequence[Any]) -> QuerySet:
    """The rows of `queryset` matching every word of `query` in any of `fields`
    (field names or text expressions), best first; none for a query without words.

    On PostgreSQL the rows are annotated with `search_rank` and ordered by it (then
    by primary key, newest first); otherwise they keep the queryset's order."""
    words = words_of(query)
    if not words:
        return queryset.none()
    if uses_full_text(queryset):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config=CONFIG)
        search = SearchQuery(" ".join(words), config=CONFIG, search_type="plain")
        return (
            queryset.annotate(search_document=vector)
            .filter(search_document=search)
            .annotate(search_rank=SearchRank(vector, search))
            .order_by("-search_rank", "-pk")
        )
    names: list[str] = []
    for index, expression in enumerate(fields):
        if isinstance(expression, str):
            names.append(expression)
        else:
            names.append(f"search_field_{index}")
            queryset = queryset.alias(**{names[-1]: expression})
    condition = Q()
    for word in words:
        any_field = Q()
        for name in names:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return queryset.filter(condition)
