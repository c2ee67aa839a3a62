"""Health check: unauthenticated, as Notify's `/` and `/_status`; it also proves the store answers. And
the platform's live counts and price list, which Notify's admin reads."""

from __future__ import annotations

from importlib import metadata

import falcon

from notify.usecases import rates
from notify.usecases.app import Notify
from notify.usecases.health import check_store, live_counts

from .operation import operation
from .schemas.status import Health, LetterRateOut, LiveCountsOut, SmsRateOut, StatusQuery


def _installed_version() -> str:
    try:
        return metadata.version("notify")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


_VERSION = _installed_version()


class StatusResource:
    auth = "none"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # / and /_status
    @operation(query=StatusQuery, response=Health)
    def on_get(self, req: falcon.Request, query: StatusQuery) -> Health:
        """Whether the API and its store answer; `?simple=1` skips the store and the build details."""
        return self._health(query)

    @operation(query=StatusQuery, response=Health)
    def on_post(self, req: falcon.Request, query: StatusQuery) -> Health:
        """The same as GET (load balancers may POST)."""
        return self._health(query)

    def _health(self, query: StatusQuery) -> Health:
        if query.simple:
            return Health(status="ok")
        check_store(self._notify)  # raises StoreUnavailable (503) when the store is down
        return Health(status="ok", git_commit=_VERSION, build_time="n/a", db_version="n/a")


class PlatformFactsResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /_status/live-service-and-organisation-counts
    @operation(response=LiveCountsOut)
    def on_get_live_counts(self, req: falcon.Request) -> LiveCountsOut:
        """How many services are live, and how many organisations have one."""
        counts = live_counts(self._notify)
        return LiveCountsOut(organisations=counts.organisations, services=counts.services)

    # /sms-rate/
    @operation(response=SmsRateOut)
    def on_get_sms_rate(self, req: falcon.Request) -> SmsRateOut:
        """The price of one SMS fragment today."""
        return SmsRateOut.of(rates.current_sms_rate(self._notify))

    # /letter-rates/
    @operation(response=list[LetterRateOut])
    def on_get_letter_rates(self, req: falcon.Request) -> list[LetterRateOut]:
        """Today's letter prices by postage and sheets of paper."""
        return [LetterRateOut.of(r) for r in rates.current_letter_rates(self._notify)]
