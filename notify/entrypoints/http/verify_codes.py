"""Admin API: sign-in codes. POST /user/{id}/sms-code and /user/{id}/email-code send one (always 204, so the
caller learns nothing about limits); POST /user/{id}/verify/code checks one."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain import errors
from notify.domain.verify_code import CodeType
from notify.usecases import verify_codes as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas.verify_codes import SendCode, VerifyCodeIn


class VerifyCodeResources:
    auth = "admin"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    # /user/{user_id}/{code_type}-code
    @operation(body=SendCode, status=204)
    def on_post(self, req: falcon.Request, user_id: UUID, code_type: str, body: SendCode) -> None:
        """Send the user a new sign-in code by text message (`sms-code`) or a sign-in link by email
        (`email-code`)."""
        if code_type == CodeType.SMS:
            usecases.send_sms_code(self._notify, user_id, to=body.to)
        elif code_type == CodeType.EMAIL:
            usecases.send_email_code(self._notify, user_id, to=body.to,
                                     email_auth_link_host=body.email_auth_link_host, next_url=body.next)
        else:
            raise errors.ValidationFailed({"code_type": [f"{code_type} is not one of [sms, email]"]})

    # /user/{user_id}/verify/code
    @operation(body=VerifyCodeIn, status=204)
    def on_post_verify(self, req: falcon.Request, user_id: UUID, body: VerifyCodeIn) -> None:
        """Check a sign-in code: 204 and the user signed in, or 404 'Code not found' / 400 'Code has expired'."""
        usecases.verify_code(self._notify, user_id, body.code, body.code_type)
