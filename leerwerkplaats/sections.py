"""The site's sections: the index pages directly under the home page.

One list, read twice: `HomePage.subpage_types` allows exactly these page types
(with information pages) under the home page, so an editor can create each one
in the admin, and `setup_site` creates the ones that are missing. A new app's
entry page is one line here, by label, so this module imports no app's models:

    Section("stories.StoryIndexPage", "Verhalen", "verhalen"),
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    page_type: str  # "app_label.ModelName"
    title: str
    slug: str
    # Required fields of the index page, as neutral production text (no demo text).
    fields: dict[str, Any] = field(default_factory=dict)


SECTIONS: tuple[Section, ...] = (
    Section(
        "leerwerkplaats.HelpIndexPage",
        "Hulp en advies",
        "hulp",
        {"intro": "Hier lees je waar je terecht kunt bij huiselijk geweld en kindermishandeling."},
    ),
    Section("courses.CourseIndexPage", "Cursussen", "cursussen"),
    Section(
        "stories.StoryIndexPage",
        "Verhalen",
        "verhalen",
        {"intro": "Ervaringsdeskundigen vertellen wat zij meemaakten en wat hen hielp."},
    ),
)

SECTION_PAGE_TYPES: tuple[str, ...] = tuple(section.page_type for section in SECTIONS)
