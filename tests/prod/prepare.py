"""The Django side of `make prod-check` (tests/prod/prod_check.py), run as a
subprocess with the check's production environment:

    python tests/prod/prepare.py static        check --deploy, collectstatic,
                                               compilemessages
    python tests/prod/prepare.py seed PORT     migrate; once the privacy service
                                               listens on PORT: demo content, the
                                               moderator's TOTP, a private document;
                                               prints JSON

`seed_demo` refuses production settings (DEMO_CONTENT_ALLOWED) because a real
site must never get the demo accounts; the check's database is a throw-away one
that it drops at the end, so this calls leerwerkplaats.demo directly."""

from __future__ import annotations

import argparse
import json
import socket
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRIVATE_DOCUMENT_TEXT = "prod-check: a document only members may read\n"
UNFINISHED_UPLOAD = "wagtail_uploads/prod-check-unfinished.txt"


def seed() -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    from courses.models import CourseIndexPage, CoursePage
    from forum.models import Thread
    from leerwerkplaats import demo
    from leerwerkplaats.models import HelpPage

    demo.seed_demo()
    # The moderator as after setting up an authenticator app at the first login;
    # the check computes the codes from this secret.
    moderator = get_user_model().objects.get(email="moderator@demo.hg-leerwerkplaats.nl")
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)

    # A document in a collection only logged-in members may see: Django serves it
    # (after checking), nginx never (its file lies under media/documents/).
    root = Collection.get_first_root_node()
    private = root.add_child(name="Besloten (prod-check)")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert restriction.pk
    document = get_document_model()(title="Besloten document", collection=private)
    document.file.save("besloten.txt", ContentFile(PRIVATE_DOCUMENT_TEXT.encode()), save=True)
    # An upload an editor has not finished adding (Wagtail's wagtail_uploads/).
    unfinished = Path(settings.MEDIA_ROOT) / UNFINISHED_UPLOAD
    unfinished.parent.mkdir(parents=True, exist_ok=True)
    unfinished.write_text(PRIVATE_DOCUMENT_TEXT)

    course = CoursePage.objects.live().order_by("path").first()
    thread = Thread.objects.order_by("pk").first()
    return {
        "moderator_email": moderator.email,
        "professional_email": "professional@demo.hg-leerwerkplaats.nl",
        "password": demo.DEMO_PASSWORD,
        "totp_secret": secret,
        "help_page": HelpPage.objects.live().order_by("path").first().get_url(),
        "course_index": CourseIndexPage.objects.live().first().get_url(),
        "course": course.get_url(),
        "course_title": course.title,
        "thread_id": thread.pk,
        "thread_url": thread.get_absolute_url(),
        "thread_title": thread.title,
        "document_url": document.url,
        "document_media_path": document.file.name,
        "unfinished_upload": UNFINISHED_UPLOAD,
    }


def static() -> dict:
    from django.core.management import call_command

    # The release steps of docs/deployment.md that need no database. --fail-level
    # WARNING: the deploy checks must print nothing at all.
    call_command("check", deploy=True, fail_level="WARNING")
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("compilemessages", ignore_patterns=[".venv", "node_modules"], verbosity=0)
    return {"static": "collected", "messages": "compiled"}


def migrate_and_seed(privacy_port: int) -> dict:
    from django.core.management import call_command

    t0 = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    t1 = time.monotonic()
    # The demo forum's posts go through the privacy service: wait until it listens.
    deadline = t1 + 240
    while True:
        try:
            socket.create_connection(("127.0.0.1", privacy_port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    t2 = time.monotonic()
    result = seed()
    result["seconds"] = {
        "migrate": round(t1 - t0, 1),
        "waiting for the privacy service": round(t2 - t1, 1),
        "demo content": round(time.monotonic() - t2, 1),
    }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("static")
    seed_command = commands.add_parser("seed")
    seed_command.add_argument("privacy_port", type=int)
    args = parser.parse_args()

    import django

    django.setup()
    result = static() if args.command == "static" else migrate_and_seed(args.privacy_port)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
