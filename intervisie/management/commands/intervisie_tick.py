"""Move asynchronous sessions whose start or phase end passed, e-mail each participant
once when a phase of an asynchronous session opens, and send the reminders for
sessions that start within a day. Run it from cron (every 5 minutes); running it
more often, or twice at once, sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from intervisie import services


class Command(BaseCommand):
    help = "Asynchronous intervisie sessions move by date; a nudge per phase; reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = services.advance_due_sessions()
        nudged = services.send_phase_nudges()
        reminded = services.send_reminders()
        self.stdout.write(
            f"{moved} session(s) moved, {nudged} phase nudge(s) sent, {reminded} reminder(s) sent"
        )
