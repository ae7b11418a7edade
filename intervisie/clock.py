"""The one clock of intervisie: every service and selector asks it for "now".

Services and selectors also take `now=` for unit tests; a browser test, whose
requests reach the services without it, replaces `intervisie.clock.now` to move an
asynchronous session through its days (tests/e2e/test_intervisie.py) while the
rest of the site (logins, sessions) keeps real time."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
