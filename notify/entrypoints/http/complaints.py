"""Admin API: /complaint (recipients who marked an email as spam, across every service)."""

from __future__ import annotations

import falcon

from notify.usecases import complaints as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.complaints import ComplaintCountQuery, ComplaintList, ComplaintOut, ComplaintsQuery
from .schemas.jobs import PageLinks


class ComplaintResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /complaint
    @operation(query=ComplaintsQuery, response=ComplaintList)
    def on_get(self, req: falcon.Request, query: ComplaintsQuery) -> ComplaintList:
        """Every complaint, newest first, a page at a time."""
        page = query.page
        found = usecases.all_complaints(self._notify, page=page)
        more = page * found.page_size < found.total
        links = PageLinks(prev=f"/complaint?page={page - 1}" if page > 1 else None,
                          next=f"/complaint?page={page + 1}" if more else None,
                          last=f"/complaint?page={-(-found.total // found.page_size)}" if more else None)
        return ComplaintList(complaints=[ComplaintOut.of(c, name) for c, name in found.complaints], links=links)

    # /complaint/count-by-date-range
    @operation(query=ComplaintCountQuery, response=int)
    def on_get_count(self, req: falcon.Request, query: ComplaintCountQuery) -> int:
        """How many complaints arrived on the UK days from start_date to end_date (today by default)."""
        return usecases.count_complaints_between(self._notify, query.start_date, query.end_date)
