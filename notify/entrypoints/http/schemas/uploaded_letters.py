"""A PDF letter a team member uploaded through the admin app, sent."""

from __future__ import annotations

from uuid import UUID

from attrs import define

from notify.domain.constants import Postage

from .fields import required


@define(kw_only=True)
class SendUploadedLetter:
    file_id: UUID = required()  # the upload's id, which the letter takes
    filename: str = required(max_length=255, not_blank=True)
    created_by: UUID = required()
    recipient_address: str = required(max_length=1000, not_blank=True)  # %-encoded lines, as the admin app sends
    postage: Postage | None = required()  # null: the precompiled template's


@define(kw_only=True)
class SentLetterId:
    id: UUID
