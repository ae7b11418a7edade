"""Reads the views share: the moderator's queue, the discussion's address."""

from __future__ import annotations

from django.urls import reverse

from .anonymise import PLACEHOLDER
from .models import Case


def queue() -> list[Case]:
    """Submitted and claimed cases, oldest first, with the author's organisation (snapshot)
    and profession, and who claimed it: one query whatever the length."""
    return list(Case.objects.in_queue())


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


def published_cases() -> list[Case]:
    """The library's cases, for a choice list elsewhere (intervisie): titles only."""
    return list(Case.objects.published().only("pk", "title"))


def published_case(case_id: int) -> Case | None:
    """A case in the library by id, or None (not published, archived or gone)."""
    return Case.objects.published().filter(pk=case_id).first()
