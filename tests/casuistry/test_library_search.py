"""The library's search (issue 12) goes the forum's way (members.text_search):
every narrative part as its own text, words with accents, no JSON keys."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casuistry import selectors
from casuistry.models import Case
from tests.casuistry import factories
from tests.casuistry.test_views import page

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return set(
        selectors.search_cases(Case.objects.published(), query).values_list("title", flat=True)
    )


def test_words_with_accents_are_found_and_part_names_are_not():
    factories.case(
        title="Zorgen over een peuter", parts={"vraag": "Wie heeft de ouders geïnformeerd?"}
    )
    factories.case(title="Buren die iets hoorden", parts={"incident": "Het lawaai 's nachts."})

    assert found("geïnformeerd") == {"Zorgen over een peuter"}
    assert found("vraag") == set()  # a part's key is not its text
    assert found("lawaai nachts") == {"Buren die iets hoorden"}
    assert found("lawaai peuter") == set()  # every word must match


def test_the_library_page_searches_through_the_selector(client, member):
    factories.case(
        title="Zorgen over een peuter", parts={"vraag": "Wie heeft de ouders geïnformeerd?"}
    )
    client.force_login(member)

    text = page(client.get(reverse("casuistry:library"), {"q": "geïnformeerd"}))

    assert "Zorgen over een peuter" in text
