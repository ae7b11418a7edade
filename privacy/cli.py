"""Command line: ``python -m privacy`` and its commands.

python -m privacy [--json] [--service-url URL]   stdin -> redacted text (or findings)
python -m privacy serve [--host H] [--port P]    run the detector service
python -m privacy warm                           build deduce's lookup cache
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from privacy.errors import PrivacyServiceError, TextTooLong


def _redact_command(args: argparse.Namespace) -> int:
    from privacy.gateway import redact_text, scan_text

    text = sys.stdin.read()
    try:
        if args.json:
            findings = scan_text(text, service_url=args.service_url)
            output = json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
            sys.stdout.write(output + "\n")
        else:
            sys.stdout.write(redact_text(text, service_url=args.service_url).text)
    except TextTooLong as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except PrivacyServiceError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 3
    return 0


def _serve_command(args: argparse.Namespace) -> int:
    from privacy.service import serve

    serve(args.host, args.port)
    return 0


def _warm_command(args: argparse.Namespace) -> int:
    from privacy.deduce_engine import cache_dir, warm

    sys.stderr.write(f"building deduce lookup cache in {cache_dir()} (minutes on first run)\n")
    path = warm()
    sys.stdout.write(f"{path}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m privacy``."""
    parser = argparse.ArgumentParser(
        prog="python -m privacy", description="Dutch de-identification of case texts."
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--service-url", default=None, help="use the detector service")
    parser.set_defaults(handler=_redact_command)
    commands = parser.add_subparsers(title="commands")
    serve = commands.add_parser("serve", help="run the detector service")
    serve.add_argument("--host", default=None, help="default 127.0.0.1 or PRIVACY_SERVICE_HOST")
    serve.add_argument(
        "--port", type=int, default=None, help="default 8765 or PRIVACY_SERVICE_PORT"
    )
    serve.set_defaults(handler=_serve_command)
    warm = commands.add_parser("warm", help="build deduce's lookup cache (install time)")
    warm.set_defaults(handler=_warm_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    args = build_parser().parse_args(argv)
    result: int = args.handler(args)
    return result
