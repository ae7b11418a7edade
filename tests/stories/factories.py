"""Stories in every state, for the tests: written, submitted and published
through the services, as an author and a moderator would."""

from __future__ import annotations

from typing import Any

from stories import services
from stories.models import Audience, StoryPage
from stories.services import Section, StoryContent

CALM_TEXT = "Het begon met kleine opmerkingen.\n\nLater werd het erger, tot ik hulp vroeg."


def content(**overrides: Any) -> StoryContent:
    values: dict[str, Any] = {
        "title": "Hoe ik weer ruimte vond",
        "summary": "Over de jaren thuis en de weg daarna.",
        "sections": (Section("Thuis", CALM_TEXT, "Ik dacht dat het aan mij lag."),),
        "content_warning": "psychisch",
        "themes": ("partnergeweld", "herstel"),
        "audience": Audience.PUBLIC,
    }
    values.update(overrides)
    return StoryContent(**values)


def submitted(author: Any, **overrides: Any) -> StoryPage:
    return services.submit_story(author=author, content=content(**overrides))


def published(author: Any, moderator: Any, **overrides: Any) -> StoryPage:
    story = submitted(author, **overrides)
    return services.publish_story(moderator=moderator, story=story)
