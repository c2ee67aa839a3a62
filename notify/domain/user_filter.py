"""Which users a platform admin's user list shows: sign-in and creation date ranges (whole UTC days, both
ends included) and whether they agreed to take part in research; criteria left out match everyone."""

from __future__ import annotations

from datetime import date, datetime

from attrs import frozen

from .user import User


def _within(moment: datetime | None, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    if moment is None:
        return False
    day = moment.date()
    return (start is None or day >= start) and (end is None or day <= end)


@frozen(kw_only=True)
class UserFilter:
    logged_in_start: date | None = None
    logged_in_end: date | None = None
    created_start: date | None = None
    created_end: date | None = None
    take_part_in_research: bool | None = None

    def matches(self, user: User) -> bool:
        return (_within(user.logged_in_at, self.logged_in_start, self.logged_in_end)
                and _within(user.created_at, self.created_start, self.created_end)
                and (self.take_part_in_research is None or user.take_part_in_research == self.take_part_in_research))
