"""First set-up of a production site, and safe to run at every release:
the home page as the site's root, and coordinators as its editors. Creates no
accounts and no demo content."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from leerwerkplaats import demo, editors


class Command(BaseCommand):
    help = "Make the home page the site root and let coordinators edit the site (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        home = demo.ensure_home_page()
        editors.grant_coordinator_editing(home)
        self.stdout.write(f"Site root: {home.title}. Coordinators may edit pages below it.")
