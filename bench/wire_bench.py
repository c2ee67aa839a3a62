"""What the wire layer costs per request: a v2 text message body read into its class (cattrs structuring plus
the field constraints) and a sent notification written back to JSON-ready data, in microseconds per call; and
the same body with a problem in every field, as a refusal costs.

    .venv/bin/python bench/wire_bench.py                  # 20,000 of each
    .venv/bin/python bench/wire_bench.py --calls 100000"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notify.domain.errors import ValidationFailed  # noqa: E402
from notify.entrypoints.http.schemas import v2_notifications as wire  # noqa: E402
from notify.entrypoints.http.schemas.reading import PUBLIC, structure, unstructure  # noqa: E402

BODY = {"phone_number": "07700900123", "template_id": str(uuid4()), "reference": "ref-1",
        "personalisation": {"name": "Ada", "code": "1234"}}
BAD = {"phone_number": 7700900123, "template_id": "nope", "reference": "x" * 1001, "personalisation": [],
       "unknown": True}


def _sent() -> wire.SentSms:
    return wire.SentSms(id=uuid4(), reference="ref-1", uri="http://localhost/v2/notifications/x",
                        template=wire.TemplateRef(id=uuid4(), version=1, uri="http://localhost/t"),
                        scheduled_for=None, content=wire.SmsContent(body="Hello Ada, code 1234", from_number="GOVUK"))


def _per_call(label: str, calls: int, run: object) -> None:
    start = time.perf_counter()
    for _ in range(calls):
        run()  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    print(f"{label:<34} {elapsed / calls * 1e6:8.1f} µs/call  ({calls} calls)")  # noqa: T201


def _refused() -> None:
    try:
        structure(BAD, wire.SmsRequest, PUBLIC)
    except ValidationFailed:
        return
    raise AssertionError("the bad body was accepted")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=20_000)
    calls = parser.parse_args().calls
    sent = _sent()
    print(f"wire bench at {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")  # noqa: T201
    _per_call("structure SmsRequest", calls, lambda: structure(BODY, wire.SmsRequest, PUBLIC))
    _per_call("unstructure SentSms", calls, lambda: unstructure(sent, wire.SentSms))
    _per_call("refuse a body with 5 problems", calls, _refused)


if __name__ == "__main__":
    main()
