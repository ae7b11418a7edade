"""Remind coordinators of help pages that have not been checked for six months.

Run it from cron, e.g. every Monday morning: it sends nothing while every page is
current, so a weekly run nags only while something is overdue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from leerwerkplaats.selectors import check_reminder_recipients, stale_help_pages
from leerwerkplaats.services import send_help_page_check_reminders


class Command(BaseCommand):
    help = "E-mail coordinators the help pages not checked for six months."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the overdue pages and the recipients; send nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            pages = stale_help_pages()
            self.stdout.write(f"{pages.count()} help page(s) overdue:")
            for page in pages:
                checked = f"{page.last_checked:%Y-%m-%d}" if page.last_checked else "never     "
                self.stdout.write(f"  {checked}  {page.title}")
            recipients = check_reminder_recipients().values_list("email", flat=True)
            self.stdout.write(f"Would e-mail: {', '.join(recipients) or 'nobody'}")
            return
        sent = send_help_page_check_reminders()
        self.stdout.write(f"Sent {sent} reminder(s).")
