"""Run daily (cron or a scheduler): e-mail members whose certificate expires
within 30 days. Each completion gets one reminder, however often this runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from courses import services


class Command(BaseCommand):
    help = "E-mail members whose course completion expires within 30 days (once each)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_expiry_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
