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
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from . import privacy_gate


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
