"""First set-up of a production site, and safe to run at every release: the home
page as the root of the site on its own host, the section indexes, and
coordinators as its editors. Creates no accounts and no demo content."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from leerwerkplaats import site_setup


class Command(BaseCommand):
    help = (
        "Make the home page the site root on the site's host, create the section pages "
        "and let coordinators edit the site (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            default=None,
            help="The public address, e.g. https://leerwerkplaats.example.nl "
            "(default: the SITE_URL setting).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        site_url = options["site_url"] or settings.WAGTAILADMIN_BASE_URL
        home = site_setup.set_up_site(site_url=site_url)
        self.stdout.write(
            f"Site root: {home.title} on {site_url}. Coordinators may edit pages below it."
        )
