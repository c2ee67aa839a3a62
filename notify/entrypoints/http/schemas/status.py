"""The health check's answers, and the rates price list."""

from __future__ import annotations

from attrs import define

from notify.domain.letter import LetterRate, SmsRate

from .fields import optional


@define(kw_only=True)
class Health:
    """`?simple=...` answers the status alone."""
    status: str
    git_commit: str | None = optional(omit_if_none=True)
    build_time: str | None = optional(omit_if_none=True)
    db_version: str | None = optional(omit_if_none=True)


@define(kw_only=True)
class StatusQuery:
    simple: str | None = optional(max_length=255)


@define(kw_only=True)
class LiveCountsOut:
    organisations: int
    services: int


@define(kw_only=True)
class SmsRateOut:
    rate: float
    valid_from: str  # naive ISO timestamp, as Notify serialises it

    @classmethod
    def of(cls, r: SmsRate) -> SmsRateOut:
        return cls(rate=r.rate, valid_from=f"{r.valid_from.isoformat()}T00:00:00")


@define(kw_only=True)
class LetterRateOut:
    sheet_count: int
    start_date: str
    rate: str  # Notify's letter rates are decimals, which it writes as text
    post_class: str

    @classmethod
    def of(cls, r: LetterRate) -> LetterRateOut:
        return cls(sheet_count=r.sheet_count, start_date=f"{r.valid_from.isoformat()}T00:00:00",
                   rate=f"{r.rate:.2f}", post_class=r.postage)
