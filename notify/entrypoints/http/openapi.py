"""The OpenAPI 3.1 document, generated from the route table and each responder's `@operation` declaration:
path parameters from the route template (typed and bounded by `schemas.paths`), the query, the request body
and the success body from the wire classes the responder is declared with, auth from the resource's `auth`.
Nothing here restates a schema, so the document cannot drift from what the app reads and writes."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import falcon

from .errors import PUBLIC_SHAPED_PATHS
from .operation import Operation, operation, operation_of
from .schemas.jsonschema import UUID_SCHEMA, Components, Schema
from .schemas.paths import path_param

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
RouteEntry = tuple[str, object, str | None]  # (URI template, resource, responder suffix) as added to the app


@attrs.frozen
class Route:
    path: str  # as added to the app, e.g. /v2/template/{template_id}/version/{version:int}
    method: str
    resource: Any
    responder: Any


class NotifyApp(falcon.App[falcon.Request, falcon.Response]):
    """Falcon's app, keeping the route table it was built from (Falcon offers no public walk of its routes)."""

    route_table: Sequence[RouteEntry] = ()


def table_routes(table: Sequence[RouteEntry]) -> Iterator[Route]:
    """Every (route, method) with a responder, found as Falcon finds them: `on_<method>[_<suffix>]`."""
    for path, resource, suffix in table:
        for method in METHODS:
            name = f"on_{method.lower()}" + (f"_{suffix}" if suffix else "")
            responder = getattr(resource, name, None)
            if responder is not None:
                yield Route(path, method, resource, responder)


def routes(app: falcon.App[falcon.Request, falcon.Response]) -> Iterator[Route]:
    return table_routes(getattr(app, "route_table", ()))


# Answers that are not JSON, written by plain responders: (status, media type) of their success.
NOT_JSON: dict[tuple[str, str], tuple[str, str]] = {
    ("GET", "/v2/notifications/{notification_id}/pdf"): ("200", "application/pdf"),
    ("GET", "/d/{service_id}/{document_id}"): ("200", "text/html"),  # the download page for files sent by email
    ("POST", "/d/{service_id}/{document_id}"): ("200", "*/*"),  # the file, once the email address is confirmed
    ("GET", "/d/{service_id}/{document_id}/download"): ("200", "*/*"),
}
DOWNLOAD_PAGE = "/d/"  # explains its errors in HTML, and answers 410 once a file's retention has ended


def _described(route: Route) -> bool:
    key = (route.method, route.path)
    return operation_of(route.responder) is not None or key in NOT_JSON


def undocumented(app: falcon.App[falcon.Request, falcon.Response]) -> list[str]:
    """Routes whose responder is neither declared with @operation nor a NOT_JSON one (the document cannot
    describe them)."""
    return sorted(f"{r.method} {r.path}" for r in routes(app) if not _described(r))


# ---------------------------------------------------------------- errors
def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


V2_ERROR = {"type": "object", "required": ["status_code", "errors"], "properties": {
    "status_code": {"type": "integer"},
    "errors": _array({"type": "object", "required": ["error", "message"],
                      "properties": {"error": {"type": "string"}, "message": {"type": "string"}}})}}
ADMIN_ERROR = {"type": "object", "required": ["result", "message"], "properties": {
    "result": {"const": "error"},
    "message": {"anyOf": [{"type": "string"}, {"type": "object"}]}}}
# Routing answers (unknown URL, wrong method) use the admin shape on every path, as Notify's app does.
ANY_ERROR = {"anyOf": [{"$ref": "#/components/schemas/V2Error"}, {"$ref": "#/components/schemas/AdminError"}]}
ERROR_STATUSES = {"400": "Bad request: the message names the field", "401": "No or malformed credentials",
                  "403": "Credentials refused", "404": "No such item", "409": "Changed by someone else: retry",
                  "413": "Request body larger than NOTIFY_MAX_BODY_BYTES", "429": "Rate or daily limit reached",
                  "503": "The store is unavailable: retry"}


# ---------------------------------------------------------------- one operation
def openapi_path(path: str) -> str:
    return re.sub(r"{(\w+):[^}]+}", r"{\1}", path)


def path_parameters(path: str) -> list[Schema]:
    params = []
    for name in re.findall(r"{(\w+)", path):
        kind, constraints = path_param(name)
        if kind is int:
            bounds = {k: v for k, v in constraints.items() if k in ("minimum", "maximum")}
            schema: Schema = {"type": "integer", **bounds}
        elif name.endswith("_id"):
            schema = dict(UUID_SCHEMA)
        else:
            schema = {"type": "string", "maxLength": constraints["max_length"]}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return params


def query_parameters(cls: type, components: Components) -> list[Schema]:
    hints = typing.get_type_hints(cls)
    params = []
    for field in attrs.fields(cls):
        schema = components.field_schema(field, hints[field.name], request=True, params=True)
        param: Schema = {"name": field.name, "in": "query", "required": field.default is attrs.NOTHING,
                         "schema": schema}
        if schema.get("type") == "array":
            param.update(style="form", explode=True)
        params.append(param)
    return params


def response_schema(spec: Operation, components: Components) -> Schema | None:
    if spec.response is None:
        return None
    schema = components.type_schema(spec.response, request=False)
    if spec.key:
        schema = {"type": "object", "required": [spec.key], "properties": {spec.key: schema}}
    return schema


def _operation(route: Route, components: Components) -> Schema:
    auth = getattr(route.resource, "auth", "admin")
    public = route.path.startswith("/v2/")
    spec = operation_of(route.responder)
    assert spec is not None or (route.method, route.path) in NOT_JSON, \
        f"{route.method} {route.path} is not declared with @operation"
    summary = (inspect.getdoc(route.responder) or "").split("\n")[0] or f"{route.method} {route.path}"
    operation: Schema = {
        "operationId": f"{route.method.lower()}_{re.sub(r'[^a-zA-Z0-9]+', '_', route.path).strip('_')}",
        "tags": ["public" if public else "admin" if auth == "admin" else "open"],
        "summary": summary,
        "parameters": path_parameters(route.path),
        "security": [] if auth == "none" else [{"providerToken": []}] if auth == "provider" else
                    [{"bearerAuth": []}],
        "x-auth": auth,
    }
    if spec is not None:
        if spec.query is not None:
            operation["parameters"] += query_parameters(spec.query, components)
        request = components.type_schema(spec.body, request=True) if spec.body is not None else None
        response, status = response_schema(spec, components), str(spec.status)
    else:  # a plain responder answering with something other than JSON
        request, response, status = None, None, NOT_JSON[(route.method, route.path)][0]
    if request is not None:
        operation["requestBody"] = {"required": False, "content": {"application/json": {"schema": request}}}
    ok: Schema = {"description": "Success"}
    if response is not None:
        ok["content"] = {"application/json": {"schema": response}}
    elif (route.method, route.path) in NOT_JSON:
        ok["content"] = {NOT_JSON[(route.method, route.path)][1]: {"schema": {}}}
    public_errors = (public and auth != "none") or route.path in PUBLIC_SHAPED_PATHS
    error = {"$ref": "#/components/schemas/V2Error" if public_errors else "#/components/schemas/AdminError"}
    responses: Schema = {status: ok, **{str(code): ok for code in (spec.also if spec is not None else ())}}
    for code, text in ERROR_STATUSES.items():
        if code in ("401", "403") and auth == "none":
            continue
        schema = ANY_ERROR if code in ("404", "405") else error
        responses[code] = {"description": text, "content": {"application/json": {"schema": schema}}}
        if route.path.startswith(DOWNLOAD_PAGE):
            responses[code]["content"]["text/html"] = {"schema": {}}
    if route.path.startswith(DOWNLOAD_PAGE):
        responses["410"] = {"description": "The file's retention period has ended",
                            "content": {"text/html": {"schema": {}}}}
    operation["responses"] = responses
    return operation


def build_document(app: falcon.App[falcon.Request, falcon.Response]) -> Schema:
    return document(getattr(app, "route_table", ()))


def document(table: Sequence[RouteEntry]) -> Schema:
    components = Components()
    paths: dict[str, Schema] = {}
    for route in sorted(table_routes(table), key=lambda r: (r.path, r.method)):
        if not _described(route):
            continue  # undocumented(): the test of the document fails on it
        paths.setdefault(openapi_path(route.path), {})[route.method.lower()] = _operation(route, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": "notify", "version": "1",
                 "description": "GOV.UK Notify's public (v2) and admin APIs. Every request but /_status, "
                                "/openapi.json and provider callbacks (which carry the provider's own token) carries "
                                "`Authorization: Bearer <JWT>` "
                                "(HS256; iss = service id or admin client id; iat within 30 s)."},
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                                # provider callbacks: NOTIFY_PROVIDER_CALLBACK_TOKEN for the fakes
                                "providerToken": {"type": "http", "scheme": "bearer"}},
            "schemas": {"V2Error": V2_ERROR, "AdminError": ADMIN_ERROR, **components.schemas},
        },
    }


def wire_classes(table: Sequence[RouteEntry]) -> set[type]:
    """Every wire class the routes are declared with, and those they contain."""
    components = Components()
    queries: set[type] = set()
    for route in table_routes(table):
        spec = operation_of(route.responder)
        if spec is None:
            continue
        if spec.body is not None:
            components.type_schema(spec.body, request=True)
        if spec.response is not None:
            components.type_schema(spec.response, request=False)
        if spec.query is not None:
            queries.add(spec.query)
    return set(components.classes.values()) | queries


class OpenApiResource:
    """GET /openapi.json: this document, built once from the route table it is mounted in."""

    auth = "none"

    def __init__(self, table: Sequence[RouteEntry]) -> None:
        self._table = table
        self._document: Schema | None = None

    @operation(response=dict[str, Any])
    def on_get(self, req: falcon.Request) -> Schema:
        """The OpenAPI 3.1 document of this API."""
        if self._document is None:
            self._document = document(self._table)
        return self._document

