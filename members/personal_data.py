"""Privacy rights across apps: every app that holds personal data registers a
provider here (in its AppConfig.ready), so `members` can export and erase a
member's data without importing the other apps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]


@dataclass(frozen=True)
class PersonalDataProvider:
    """`export(user)` returns JSON-serialisable data about the user, and only them.
    `erase(user)` removes or anonymises it; contributions that stay for others
    (forum posts) must no longer name the user."""

    key: str
    label: str
    export: Exporter
    erase: Eraser


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    if provider.key in _providers and _providers[provider.key] != provider:
        raise ValueError(f"A personal data provider named {provider.key!r} is registered.")
    _providers[provider.key] = provider


def providers() -> list[PersonalDataProvider]:
    return list(_providers.values())
