"""Daily: archive published cases past their period, delete archived ones past theirs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from casuistry.services import archive_and_delete_expired


class Command(BaseCommand):
    help = "Archive cases published too long ago and delete archived cases past retention."

    def handle(self, *args: Any, **options: Any) -> None:
        archived, deleted = archive_and_delete_expired()
        self.stdout.write(f"Cases archived: {archived}; deleted: {deleted}.")
