"""Demo forum for `seed_demo`: categories, a few conversations by the demo accounts
and one flagged post, so the demo moderator has something in the queue.

Everything goes through forum.services (the privacy check included). Idempotent:
a thread that exists (by title, in its category) is left alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from . import privacy_check, services
from .models import Category, FlagReason, Thread

CATEGORIES = (
    ("casuistiek", "Casuïstiek", "Geanonimiseerde casussen bespreken met collega's."),
    ("verhalen", "Verhalen", "Praten over de verhalen van ervaringsdeskundigen."),
    (
        "meldcode",
        "Meldcode en afwegingskader",
        "Vragen over de vijf stappen en de afwegingen bij een melding.",
    ),
    ("intervisie", "Intervisie en steun", "Ruimte voor wat het werk met je doet."),
    (
        "aandachtsfunctionaris",
        "Vraag aan een aandachtsfunctionaris",
        "Stel je vraag aan een aandachtsfunctionaris huiselijk geweld.",
    ),
)

PROFESSIONAL = "professional@demo.hg-leerwerkplaats.nl"
ERVARING = "ervaring@demo.hg-leerwerkplaats.nl"


@dataclass(frozen=True)
class DemoThread:
    category: str
    title: str
    author: str
    alias_mode: bool
    posts: tuple[tuple[str, str], ...]  # (author e-mail, text); the first opens the thread
    flag_post: int | None = None  # index of the post a member flags as "herleidbaar"


THREADS = (
    DemoThread(
        "meldcode",
        "Wanneer bel je Veilig Thuis voor advies?",
        PROFESSIONAL,
        False,
        (
            (
                PROFESSIONAL,
                "Ik twijfel vaak of iets al zwaar genoeg is om Veilig Thuis om advies te "
                "vragen. Hoe maken jullie die afweging bij stap 2 van de meldcode?",
            ),
            (
                ERVARING,
                "Bel liever te vroeg dan te laat. Een adviesgesprek is nog geen melding, en "
                "je hoort meteen of je signalen serieus genoeg zijn.",
            ),
            (
                PROFESSIONAL,
                "Dank je, dat helpt. Ik ga het bij twijfel voortaan gewoon vragen.",
            ),
        ),
    ),
    DemoThread(
        "casuistiek",
        "Een moeder die steeds afspraken afzegt",
        PROFESSIONAL,
        True,
        (
            (
                PROFESSIONAL,
                "Een moeder zegt al weken afspraken af en de kinderen komen moe op school. "
                "Ik krijg het gesprek over de thuissituatie niet op gang. Wie herkent dit?",
            ),
            (
                ERVARING,
                "Herkenbaar. Bij ons hielp het om het gesprek bij huis te voeren, op een "
                "moment dat de partner er niet was. Wees eerlijk over je zorgen.",
            ),
            (
                ERVARING,
                "Het gaat om het enige gezin met een tweeling op de kleinste basisschool "
                "van ons dorp, iedereen daar weet wie het is.",
            ),
        ),
        flag_post=2,
    ),
    DemoThread(
        "intervisie",
        "Hoe laat je het werk los na een zware dag?",
        ERVARING,
        False,
        (
            (
                ERVARING,
                "Na een huisbezoek met veel spanning neem ik het soms mee naar huis. Wat "
                "doen jullie om het werk los te laten?",
            ),
            (
                PROFESSIONAL,
                "Ik fiets altijd een rondje om voor ik naar huis ga, en ik bespreek het de "
                "volgende ochtend met een collega.",
            ),
        ),
    ),
)


def _accepted(text: str) -> frozenset[str]:
    """The demo accepts whatever the privacy check would replace."""
    return privacy_check.check(text).placeholders


@transaction.atomic
def ensure_demo_forum() -> list[Category]:
    categories = {}
    for position, (slug, name, description) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    users: dict[str, Any] = {
        user.email: user
        for user in get_user_model().objects.filter(email__in=[PROFESSIONAL, ERVARING])
    }
    if len(users) < 2:
        return list(categories.values())
    for demo in THREADS:
        category = categories[demo.category]
        if Thread.objects.filter(category=category, title=demo.title).exists():
            continue
        (first_author, first_text), *replies = demo.posts
        thread = services.open_thread(
            category=category,
            title=demo.title,
            author=users[first_author],
            text=first_text,
            alias_mode=demo.alias_mode,
            accepted_placeholders=_accepted(demo.title) | _accepted(first_text),
        )
        posts = [thread.posts.get()]
        for author, text in replies:
            posts.append(
                services.post_reply(
                    thread=thread,
                    author=users[author],
                    text=text,
                    accepted_placeholders=_accepted(text),
                )
            )
        if demo.flag_post is not None:
            flagged = posts[demo.flag_post]
            reporter = next(u for u in users.values() if u.pk != flagged.author_id)
            services.flag_post(post=flagged, reporter=reporter, reason=FlagReason.HERLEIDBAAR)
    return list(categories.values())
