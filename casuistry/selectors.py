"""Reads the views share: the moderator's queue, the discussion's address."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.urls import reverse

from members import audit, text_search
from members.selectors import audit_events_visible_to

from .anonymise import PLACEHOLDER
from .methods import all_part_keys
from .models import Case, Status


def queue() -> list[Case]:
    """Submitted and claimed cases, oldest first, with the author's organisation (snapshot)
    and profession, and who claimed it: one query whatever the length."""
    return list(Case.objects.in_queue())


def history(case: Case, *, viewer: Any) -> list[dict[str, Any]]:
    """Who did what to the case, oldest first, from the audit log as ``viewer`` may
    read it (a moderator: every moderation step, by any moderator)."""
    events = (
        audit_events_visible_to(viewer)
        .filter(object_type=Case._meta.label, object_id=str(case.pk))
        .order_by("created_at", "id")
    )
    return [
        {
            "when": event.created_at,
            "action": audit.label_for(event.action),
            "actor": event.actor,
            "reason": event.reason,
        }
        for event in events
    ]


def placeholders_in(case: Case) -> list[str]:
    """Every placeholder in the case, each once, for the moderator's overview."""
    seen: list[str] = []
    for text in (case.title, *case.parts.values()):
        for match in PLACEHOLDER.finditer(text):
            if match.group(0) not in seen:
                seen.append(match.group(0))
    return seen


def discussion_url(case: Case) -> str | None:
    """The address of the case's discussion, from the forum's service when it has one."""
    if case.discussion_thread_id is None:
        return None
    # The forum's own address for a thread; reversing a name imports nothing of it.
    return reverse("forum:thread", kwargs={"pk": case.discussion_thread_id})


def search_cases(cases: QuerySet[Case], query: str) -> QuerySet[Case]:
    """The library's search, the same way as the forum's (members.text_search):
    PostgreSQL Dutch full text, ranked, over the title and every narrative part;
    every word by `icontains` on other databases. Each part is read as its own
    text (not the JSON as a whole), so keys never match and accents need no escaping."""
    fields = ["title", *(KT(f"parts__{key}") for key in all_part_keys())]
    return text_search.matching(cases, query, fields=fields)


def published_cases() -> list[Case]:
    """The library's cases, for a choice list elsewhere (intervisie): titles only."""
    return list(Case.objects.published().only("pk", "title"))


def published_case(case_id: int) -> Case | None:
    """A case in the library by id, or None (not published, archived or gone)."""
    return Case.objects.published().filter(pk=case_id).first()


#: An author's cases that may still reach the library (intervisie's "new case").
IN_PROGRESS_OR_PUBLISHED = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.CHANGES_REQUESTED,
    Status.PUBLISHED,
)


def cases_to_bring_in(user: Any) -> list[Case]:
    """The author's own cases that are in the library or on their way to it (submitted,
    in review, changes asked): titles and status only, for a choice list elsewhere."""
    return list(
        Case.objects.of_author(user)
        .filter(status__in=IN_PROGRESS_OR_PUBLISHED)
        .only("pk", "title", "status")
    )


def case_to_bring_in(*, user: Any, case_id: int) -> Case | None:
    """One of `cases_to_bring_in`, or None (not theirs, rejected, withdrawn, gone)."""
    return (
        Case.objects.of_author(user)
        .filter(pk=case_id, status__in=IN_PROGRESS_OR_PUBLISHED)
        .only("pk", "title", "status")
        .first()
    )
