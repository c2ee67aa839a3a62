"""Public API: GET /v2/template/{id}[/version/{v}], GET /v2/templates, POST /v2/template/{id}/preview."""

from __future__ import annotations

from uuid import UUID

import falcon

from notify.domain.constants import TemplateType
from notify.usecases import v2_templates as usecases
from notify.usecases.app import Notify

from .operation import operation
from .schemas import v2_templates as wire

AS_ID = {"template_id": "id"}  # Notify names the path's template id `id` in its messages


class TemplateResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(response=wire.V2Template, aliases=AS_ID)
    def on_get(self, req: falcon.Request, template_id: UUID) -> wire.V2Template:
        """A template of the caller's service, as it is now."""
        return wire.V2Template.of(usecases.get_template(self._notify, req.context.auth, template_id))

    @operation(response=wire.V2Template, aliases=AS_ID)
    def on_get_version(self, req: falcon.Request, template_id: UUID, version: int) -> wire.V2Template:
        """One version of a template."""
        return wire.V2Template.of(usecases.get_template(self._notify, req.context.auth, template_id, version))

    @operation(body=wire.PreviewRequest, response=wire.Preview, aliases=AS_ID)
    def on_post_preview(self, req: falcon.Request, template_id: UUID, body: wire.PreviewRequest) -> wire.Preview:
        """The message a template makes with this personalisation."""
        template, message = usecases.preview_template(self._notify, req.context.auth, template_id,
                                                      body.personalisation or {})
        return wire.Preview.of(template, message)


class TemplatesResource:
    auth = "service"

    def __init__(self, notify: Notify) -> None:
        self._notify = notify

    @operation(query=wire.TemplatesQuery, response=wire.TemplateList)
    def on_get(self, req: falcon.Request, query: wire.TemplatesQuery) -> wire.TemplateList:
        """The caller's service's templates, optionally of one type."""
        kind = TemplateType(query.type) if query.type else None
        return wire.TemplateList(templates=[wire.V2Template.of(v) for v in usecases.list_templates(
            self._notify, req.context.auth, kind)])
