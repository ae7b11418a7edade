"""Load the demo content. Safe to run again: it creates only what is missing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from leerwerkplaats import demo


class Command(BaseCommand):
    help = "Load demo pages and demo accounts (development only; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is for development only: these settings do not allow it "
                "(DEMO_CONTENT_ALLOWED is not set)."
            )
        accounts = demo.seed_demo()
        self.stdout.write("Demo content is ready. Demo accounts (development only):")
        for account in accounts:
            role = account.role or "Administrator"
            self.stdout.write(f"  {role:<20} {account.email:<42} {demo.DEMO_PASSWORD}")
        self.stdout.write(
            "  Moderator, Coordinator and Administrator set up two-factor authentication\n"
            "  (an authenticator app) at their first login: the platform requires it."
        )
