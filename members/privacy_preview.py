"""The author's own privacy preview of a submitted form, for the views of the apps
that store members' texts through the gate (members.privacy_gate): forum, intervisie.

A view calls its service through `attempt`; when the gate blocks the text or asks the
author to confirm its placeholders, `attempt` returns the previews (built from the
POST itself, never stored) and the form keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import privacy_gate
from .rate_limits import within_minute_limit

ERROR_TOO_MANY_CHECKS = _(
    "Je laat je tekst vaak kort na elkaar controleren. Wacht een minuut en probeer het "
    "dan opnieuw; je tekst blijft staan."
)


def checks_allowed(user: Any) -> bool:
    """settings.PRIVACY_CHECKS_PER_MINUTE per member: each attempt runs the privacy
    engine (about half a second for a long text, in production in the one detector
    service every worker shares) and a preview stores nothing, so no posting limit
    counts it. Counted in the shared cache (Redis in production), per minute. `attempt`
    asks it; a view that runs the engine otherwise (the case intake) asks it itself."""
    return within_minute_limit(
        "privacy-checks", user, getattr(settings, "PRIVACY_CHECKS_PER_MINUTE", None)
    )


@dataclass
class Preview:
    field: str
    label: str
    blocked: bool
    segments: list[privacy_gate.Segment]
    placeholders: list[str]


class Previews(list[Preview]):
    """The previews of one submission; `blocked` when any field cannot be stored."""

    @property
    def blocked(self) -> bool:
        return any(preview.blocked for preview in self)


def previews(form: forms.Form, fields: tuple[str, ...]) -> Previews:
    """The author's own preview of every checked field, from what they just sent."""
    found = Previews()
    for name in fields:
        text = (form.cleaned_data.get(name) or "").strip()
        if not text:
            continue
        try:
            result = privacy_gate.check(text)
        except ValidationError:
            continue
        if result.clean:
            continue
        found.append(
            Preview(
                field=name,
                label=str(form.fields[name].label),
                blocked=result.blocked,
                segments=privacy_gate.segments(text, result),
                placeholders=sorted(result.placeholders),
            )
        )
    return found


def attempt(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[list[str]], Any],
    fields: tuple[str, ...] = ("text",),
) -> tuple[Any, Previews]:
    """Call the service with the placeholders the author accepted ("geaccepteerd",
    sent with "bevestig"); on a privacy finding return the previews instead, and put
    any other ValidationError on the form."""
    accepted = request.POST.getlist("geaccepteerd") if request.POST.get("bevestig") else []
    if not checks_allowed(request.user):
        form.add_error(None, ERROR_TOO_MANY_CHECKS)
        return None, Previews()
    try:
        return call(accepted), Previews()
    except privacy_gate.TextBlocked as error:
        found = previews(form, fields)  # before add_error drops the cleaned value
        form.add_error(error.field, error.messages)
        return None, found
    except privacy_gate.ConfirmationNeeded:
        return None, previews(form, fields)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return None, Previews()
