"""The aliases the platform shows for people (forum threads with per-thread aliases,
intervisie sessions: "Inbrenger", "Deelnemer A", "Gespreksleider") are its own words:
a post that answers or names one keeps it, and names beside it are still found."""

from __future__ import annotations

import pytest

from privacy import scan_text
from privacy.findings import Label


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben het eens met Deelnemer B, en Inbrenger zei al dat het lastig was.",
        "Inbrenger: ik twijfelde of ik Veilig Thuis moest bellen.",
        "Goede vraag van Deelnemer C, misschien kan Inbrenger eerst vertellen wat de school deed.",
        "Gespreksleider: we gaan naar de adviesronde.",
        "@Inbrenger wat maakte dat je twijfelde?",
        "inbrenger zei dat deelnemer a al met de wijkagent had gesproken",
    ],
)
def test_the_platforms_aliases_are_kept(text: str) -> None:
    found = [text[f.start : f.end] for f in scan_text(text)]
    assert found == []


def test_a_name_beside_an_alias_is_still_found() -> None:
    text = "Inbrenger: de moeder van Sem zei dat het meeviel. Deelnemer A had Fatima gesproken."
    found = {(f.label, text[f.start : f.end]) for f in scan_text(text)}
    assert found == {(Label.NAAM, "Sem"), (Label.NAAM, "Fatima")}
