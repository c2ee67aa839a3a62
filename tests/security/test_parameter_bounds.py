"""Every integer and text parameter in a URL is bounded where the document says, and the app holds to it: for
each documented operation, a number past a parameter's maximum (or below its minimum) and a text longer than
its maxLength are a 400 in that API's error shape, never a 500 and never a store's error. The operations are
read from the OpenAPI document, so a route added later is covered without editing this file."""

from __future__ import annotations

import re
from typing import Any
from uuid import uuid4

import falcon.testing
import pytest

from notify.domain.constants import KeyType
from notify.entrypoints.http.errors import PUBLIC_SHAPED_PATHS
from notify.entrypoints.http.openapi import build_document

from ..conftest import AdminClient
from ..fakes import PROVIDER_AUTH
from ..v2.conftest import World

pytestmark = pytest.mark.parametrize(
    "new_uow", ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)

PLAIN = {"integer": "1", "string": "sms"}  # "sms": a notification type where the path wants one


def _valid(param: dict[str, Any]) -> str:
    schema = param["schema"]
    if schema.get("format") == "uuid":
        return str(uuid4())
    if schema.get("type") == "integer":
        return str(max(schema.get("minimum", 1), 1))
    if schema.get("type") == "boolean":
        return "true"
    if "enum" in schema:
        return str(schema["enum"][0])
    return PLAIN.get(schema.get("type", "string"), "x")


def _out_of_range(schema: dict[str, Any]) -> list[str]:
    values = []
    if "maximum" in schema:
        values += [str(schema["maximum"] + 1), "99999999999999999999"]
    if "minimum" in schema:
        values += [str(schema["minimum"] - 1)]
    if "maxLength" in schema:
        values += ["x" * (schema["maxLength"] + 1)]
    return values


def _bounded(param: dict[str, Any]) -> dict[str, Any] | None:
    schema = param["schema"]
    if schema.get("type") == "array":
        schema = schema["items"]
    schema = next((s for s in schema.get("anyOf", ()) if s.get("type") != "null"), schema)
    if schema.get("type") not in ("integer", "string") or "format" in schema or "enum" in schema:
        return None
    return schema


def test_every_bounded_url_parameter_refuses_what_is_beyond_it(world: World) -> None:
    document = build_document(world.app)
    admin, api = AdminClient(world.app, world.clock), world.client(KeyType.NORMAL)
    raw = falcon.testing.TestClient(world.app)
    checked = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            params = operation["parameters"]
            for param in params:
                schema = _bounded(param)
                if schema is None:
                    continue
                for bad in _out_of_range(schema):
                    values = {p["name"]: _valid(p) for p in params}
                    values[param["name"]] = bad
                    url = re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)
                    query = {p["name"]: values[p["name"]] for p in params if p["in"] == "query"
                             and (p["required"] or p["name"] == param["name"])}
                    auth = operation["x-auth"]
                    if auth == "admin":
                        result = admin._call(method.upper(), url, params=query)  # noqa: SLF001
                    elif auth == "service":
                        result = api._call(method.upper(), url, params=query)  # noqa: SLF001
                    else:
                        headers = PROVIDER_AUTH if auth == "provider" else {}
                        result = raw.simulate_request(method.upper(), url, params=query, headers=headers)
                    where = (method, path, param["name"], bad[:30])
                    assert result.status_code == 400, (where, result.status_code, result.text)
                    body = result.json
                    if path.startswith("/v2/") or path in PUBLIC_SHAPED_PATHS:
                        assert body["status_code"] == 400 and body["errors"][0]["error"] == "ValidationError", where
                    else:
                        assert body["result"] == "error", where
                    checked += 1
    assert checked >= 25
