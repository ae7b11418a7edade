"""Move asynchronous sessions whose start or phase end passed, and send the
reminders for sessions that start within a day. Run it from cron (every 5 minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intervisie import services


class Command(BaseCommand):
    help = "Asynchronous intervisie sessions move by date; reminders before a session."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = services.advance_due_sessions()
        reminded = services.send_reminders()
        self.stdout.write(f"{moved} session(s) moved, {reminded} reminder(s) sent")
