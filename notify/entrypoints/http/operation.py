"""Responders declared by what they take and give. `@operation(...)` reads the path parameters, the query and
the body into their wire classes before the responder runs (a 400 in the API's wording when they do not fit),
passes them in, and writes what the responder returns as the response body; the OpenAPI document is generated
from the same declarations, so the two cannot drift."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import falcon

from .schemas.paths import path_class
from .schemas.reading import dialect_for, read_body, read_path, read_query, structure, unstructure


@attrs.frozen
class Operation:
    response: Any = None  # the success body's type (an attrs class, list[...]); None: no body; NoneType: null
    key: str | None = None  # the body is {key: response} (Notify's admin API often answers {"data": ...})
    body: type | None = None
    query: type | None = None
    status: int = 200
    aliases: Mapping[str, str] = attrs.field(factory=dict)  # path parameter -> its name in messages
    source: BodySource | None = None  # where the body's JSON comes from, when not simply the request's body
    also: tuple[int, ...] = ()  # other success statuses, with the same body: the responder sets req.context.status

    @property
    def status_line(self) -> str:
        return str(falcon.code_to_http_status(self.status))


Responder = Callable[..., Any]
# (resource, request, path parameters) -> the body's JSON, for bodies that must be checked before they are read
BodySource = Callable[[Any, falcon.Request, Mapping[str, Any]], Any]
ATTRIBUTE = "__wire_operation__"


def operation(*, response: Any = None, key: str | None = None, body: type | None = None,
              query: type | None = None, status: int = 200,
              aliases: Mapping[str, str] | None = None,
              source: BodySource | None = None, also: tuple[int, ...] = ()) -> Callable[[Responder], Responder]:
    spec = Operation(response=response, key=key, body=body, query=query, status=status, aliases=aliases or {},
                     source=source, also=also)

    def decorate(function: Responder) -> Responder:
        @functools.wraps(function)
        def responder(resource: Any, req: falcon.Request, resp: falcon.Response, **params: Any) -> None:
            kwargs: dict[str, Any] = {}
            if params:
                path: Any = read_path(req, path_class(tuple(sorted(params))), params, spec.aliases)
                kwargs.update(attrs.asdict(path, recurse=False))
            if spec.query is not None:
                kwargs["query"] = read_query(req, spec.query)
            if spec.body is not None:
                kwargs["body"] = read_body(req, spec.body) if spec.source is None else \
                    structure(spec.source(resource, req, kwargs), spec.body, dialect_for(req))
            result = function(resource, req, **kwargs)
            answered = req.context.get("status")
            resp.status = falcon.code_to_http_status(answered) if answered in spec.also else spec.status_line
            if spec.response is type(None):  # a bare JSON null, as Notify answers some calls
                resp.content_type, resp.text = falcon.MEDIA_JSON, "null"
            elif spec.response is not None:
                media = unstructure(result, spec.response)
                resp.media = {spec.key: media} if spec.key else media

        setattr(responder, ATTRIBUTE, spec)
        return responder

    return decorate


def operation_of(responder: Any) -> Operation | None:
    found = getattr(responder, ATTRIBUTE, None)
    return found if isinstance(found, Operation) else None
