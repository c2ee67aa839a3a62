"""Sending a spreadsheet of recipients: upload (every row's problems shown before anything is sent), check,
send, and the job's progress."""

from __future__ import annotations

from typing import Any

import falcon

from notify.domain import errors
from notify.domain.constants import UserPermission
from notify.domain.job import InvalidFile, RowError, recipient_columns
from notify.domain import message
from notify.usecases import jobs

from .pages import Page, PageNotFound, page_id, problems_of
from .send_pages import SEND_PERMISSION
from .templates_pages import _template

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class UploadPage(Page):
    def _allowed(self, req: falcon.Request, service_id: str, template_id: str) -> tuple[Any, Any, Any]:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        template = _template(self, membership, template_id)
        if not membership.can(SEND_PERMISSION[template.template_type]):
            raise falcon.HTTPForbidden(title="Forbidden", description="You do not have permission to send these")
        return user, membership.service, template

    def _columns(self, template: Any) -> list[str]:
        return [*recipient_columns(template.template_type)[:3], *message.placeholder_names(template)]

    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user, service, template = self._allowed(req, service_id, template_id)
        self.render(req, resp, "upload.html", signed_in=user, service=service, template=template,
                    columns=self._columns(template), row_errors=[])

    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, template_id: str) -> None:
        user, service, template = self._allowed(req, service_id, template_id)
        token, name, data = None, "", b""
        if (req.content_type or "").startswith("multipart/form-data"):
            for part in req.get_media():
                if part.name == "csrf_token":
                    token = part.text
                elif part.name == "file":
                    name, data = part.secure_filename or "upload.csv", part.stream.read(MAX_UPLOAD_BYTES + 1)
        if not self.web.sessions.check_csrf(self.session(req), token):
            raise falcon.HTTPForbidden(title="Forbidden", description="The form has expired: go back and try again")
        problems: dict[str, str] = {}
        row_errors: list[RowError] = []
        if not data:
            problems["file"] = "Choose a CSV file"
        elif len(data) > MAX_UPLOAD_BYTES:
            problems["file"] = "The file must be smaller than 10 MB"
        else:
            try:
                upload = jobs.upload_spreadsheet(self.notify, service.id, template_id=template.id,
                                                 original_file_name=name, data=data)
            except InvalidFile as exc:
                row_errors = exc.errors
                problems["file"] = f"There {'is a problem' if len(row_errors) == 1 else 'are problems'} " \
                                   f"with {name}: fix {'it' if len(row_errors) == 1 else 'them'} and upload it again"
            except errors.NotifyError as exc:
                problems.update(problems_of(exc, "file"))
            else:
                self.session(req)["upload"] = [str(upload.id), str(template.id)]  # what this user checked
                self.render(req, resp, "upload_check.html", signed_in=user, service=service, template=template,
                            upload=upload)
                return
        self.render(req, resp, "upload.html", status=400, signed_in=user, service=service, template=template,
                    columns=self._columns(template), row_errors=row_errors, errors=problems)


class StartJobPage(Page):
    def on_post(self, req: falcon.Request, resp: falcon.Response, service_id: str, upload_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        self.form(req)
        checked = self.session(req).get("upload") or ["", ""]
        if checked[0] != upload_id:  # only a file this user uploaded and was shown the check page for
            raise PageNotFound()
        template = _template(self, membership, checked[1])
        if not membership.can(SEND_PERMISSION[template.template_type]):
            raise falcon.HTTPForbidden(title="Forbidden", description="You do not have permission to send these")
        try:
            view = jobs.create_job(self.notify, membership.service.id, job_id=page_id(upload_id), created_by=user.id)
        except errors.NotFound:
            raise PageNotFound() from None
        self.session(req).pop("upload", None)
        self.redirect(req, resp, f"/services/{membership.service.id}/jobs/{view.job.id}")


class JobPage(Page):
    def on_get(self, req: falcon.Request, resp: falcon.Response, service_id: str, job_id: str) -> None:
        user = self.signed_in(req)
        membership = self.member(req, user, service_id)
        try:
            view = jobs.get_job(self.notify, membership.service.id, page_id(job_id))
        except errors.NotFound:
            raise PageNotFound() from None
        self.render(req, resp, "job.html", signed_in=user, service=membership.service, view=view,
                    can_manage=membership.can(UserPermission.MANAGE_TEMPLATES))
