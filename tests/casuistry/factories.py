"""Cases in every state, written as they are stored: already redacted."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from casuistry.methods import Method
from casuistry.models import Case, Status, join_choices
from tests.members import factories as member_factories

PARTS = {
    "incident": (
        "Bij een huisbezoek zag ik blauwe plekken bij het kind. [NAAM-1] zei dat het kind viel."
    ),
    "moment": "Ik twijfelde of ik meteen Veilig Thuis moest bellen.",
    "vraag": "Hoe hadden jullie dit gesprek gevoerd?",
}


def case(
    *,
    author: Any = None,
    status: str = Status.PUBLISHED,
    title: str = "Twijfel na een huisbezoek",
    claimed_by: Any = None,
    **fields: Any,
) -> Case:
    author = author or member_factories.member()
    now = timezone.now()
    values: dict[str, Any] = {
        "title": title,
        "method": Method.INCIDENT,
        "setting": "sociaal_domein",
        "age_bands": join_choices(["4-11", "27-64"]),
        "violence_forms": join_choices(["lichamelijk", "getuige"]),
        "meldcode_step": 2,
        "peer_request": "reflectie",
        "parts": dict(PARTS),
        "author": author,
        "organisation_name": "Gemeente Lansingerland",
        "profession": "jeugdconsulent",
        "status": status,
        "submitted_at": now,
        "claimed_by": claimed_by,
        "published_at": now if status in (Status.PUBLISHED, Status.ARCHIVED) else None,
    }
    values.update(fields)
    return Case.objects.create(**values)


def moderator():
    return member_factories.member(role="Moderator", with_mfa=True)


def form_data(**overrides: str) -> dict[str, Any]:
    """What the guided form posts for the incident method (raw text, not yet redacted)."""
    data: dict[str, Any] = {
        "method": Method.INCIDENT,
        "title": "Twijfel na een huisbezoek",
        "setting": "sociaal_domein",
        "age_bands": ["4-11", "27-64"],
        "violence_forms": ["lichamelijk"],
        "meldcode_step": "2",
        "peer_request": "reflectie",
        "deel_incident": "Bij een huisbezoek zag ik blauwe plekken bij het kind.",
        "deel_moment": "Ik twijfelde of ik meteen Veilig Thuis moest bellen.",
        "deel_vraag": "Hoe hadden jullie dit gesprek gevoerd?",
    }
    data.update(overrides)
    return data


def service_data(**parts: str) -> dict[str, Any]:
    """What the form hands to submit_case."""
    raw = form_data()
    return {
        "title": parts.pop("title", raw["title"]),
        "method": Method.INCIDENT,
        "setting": raw["setting"],
        "age_bands": raw["age_bands"],
        "violence_forms": raw["violence_forms"],
        "meldcode_step": 2,
        "peer_request": raw["peer_request"],
        "parts": {
            "incident": parts.get("incident", raw["deel_incident"]),
            "moment": parts.get("moment", raw["deel_moment"]),
            "vraag": parts.get("vraag", raw["deel_vraag"]),
        },
    }
