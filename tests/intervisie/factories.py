"""Sessions with a facilitator, an inbrenger and participants, on a published case."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

from django.utils import timezone

from intervisie import services
from intervisie.models import Method, Session
from tests.casuistry import factories as case_factories
from tests.members import factories as member_factories


def ensure_methods() -> None:
    """The seeded methods, again after a transactional test flushed them."""
    from intervisie.models import Phase

    migration = importlib.import_module("intervisie.migrations.0002_methods_and_roles")
    migration.seed_methods(Method, Phase)


def facilitator() -> Any:
    return member_factories.member(role="Facilitator")


def session(
    *,
    method: str = "incidentmethode",
    mode: str = "live",
    participants: int = 2,
    starts_at: datetime | None = None,
    keep_text: bool = True,
    lead: Any = None,
) -> tuple[Session, Any, Any, list[Any]]:
    """(session, facilitator, inbrenger, participants), planned."""
    ensure_methods()
    lead = lead or facilitator()
    inbrenger = member_factories.member()
    others = [member_factories.member() for _ in range(participants)]
    case = case_factories.case(author=inbrenger)
    planned = services.plan_session(
        facilitator=lead,
        case_id=case.pk,
        method=Method.objects.get(slug=method),
        mode=mode,
        starts_at=starts_at or timezone.now(),
        inbrenger=inbrenger,
        participants=[inbrenger, *others],
        keep_text=keep_text,
    )
    return planned, lead, inbrenger, others


def to_phase(session: Session, lead: Any, rule: str) -> Session:
    """Start (if needed) and advance until the current phase has `rule`."""
    from intervisie.selectors import phases_of

    session.refresh_from_db()
    if session.status == "planned":
        session = services.start_session(session=session, actor=lead)
    while phases_of(session)[session.current_phase].rule != rule:
        session = services.advance_phase(session=session, actor=lead)
    return session
