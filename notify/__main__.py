"""`notify serve`: the HTTP API under waitress."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from notify.bootstrap import build_app
from notify.config import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notify", description="A notification platform with Notify's API.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=6011)
    serve.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    if settings.generated_admin_secret:
        # Printed once: the admin app (or a test) signs its tokens with it.
        print(f"NOTIFY_ADMIN_CLIENT_ID={settings.admin_client_id}", flush=True)
        print(f"NOTIFY_ADMIN_CLIENT_SECRET={settings.admin_client_secrets[0]}", flush=True)
    app = build_app(settings)

    import waitress

    print(f"notify serving on http://{args.host}:{args.port}", flush=True)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="notify")
    return 0


if __name__ == "__main__":
    sys.exit(main())
