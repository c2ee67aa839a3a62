"""The OpenAPI 3.1 document of the app, built from the app itself: paths and methods from Falcon's router,
auth from each resource's `auth`, admin request bodies and query parameters from the responder (the attrs
wire class it parses, the `query_*` readers it calls), success status from what it sets. What cannot be
read off the code is written here once: response shapes (RESPONSES) and the v2 request schemas.

An operation is in the document only when RESPONSES describes it; `undocumented(app)` lists the routes that
are not, and tests/http/test_openapi.py fails while that list is not empty."""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

import attrs
import falcon

from notify.domain.constants import CallbackType, NotificationStatus, NotificationType, TemplateType
from notify.domain.notification import LETTER_ACCEPTED, LETTER_RECEIVED

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
Schema = dict[str, Any]


# ---------------------------------------------------------------- a small vocabulary for response shapes
_TYPES: dict[str, Schema] = {
    "str": {"type": "string"}, "uuid": {"type": "string", "format": "uuid"}, "bool": {"type": "boolean"},
    "int": {"type": "integer"}, "num": {"type": "number"}, "dt": {"type": "string"},
    "obj": {"type": "object"}, "arr": {"type": "array"}, "any": {},
}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def shape(spec: str, **more: Schema) -> Schema:
    """An object whose listed keys are all present: `"id:uuid name:str sent_at:dt?"` (`?` = may be null);
    keyword arguments add keys with a full schema. Other keys may appear (responses grow, clients ignore)."""
    props: dict[str, Schema] = {}
    for item in spec.split():
        name, _, kind = item.partition(":")
        optional = kind.endswith("?")
        schema = _TYPES[kind.rstrip("?") or "any"]
        props[name] = nullable(schema) if optional else schema
    props.update(more)
    return {"type": "object", "required": list(props), "properties": props}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def data(schema: Schema) -> Schema:
    return shape("", data=schema)


COUNTS = shape("requested:int delivered:int failed:int")
STATS = shape("", sms=COUNTS, email=COUNTS, letter=COUNTS)
USER = shape("id:uuid name:str email_address:str created_at:dt auth_type:str failed_login_count:int "
             "mobile_number:str? platform_admin:bool state:str")
USER_DETAILS = {**USER, "required": USER["required"] + ["services", "permissions", "organisations"]}
SERVICE = shape("id:uuid name:str active:bool restricted:bool created_at:dt created_by:uuid version:int "
                "organisation:uuid? organisation_type:str? email_branding:uuid? letter_branding:uuid? "
                "rate_limit:int sms_message_limit:int email_message_limit:int letter_message_limit:int",
                permissions=array({"type": "string"}))
SERVICE_HISTORY = shape("", service_history=array(shape("id:uuid name:str version:int active:bool")),
                        api_key_history=array(shape("id:uuid name:str key_type:str version:int")),
                        template_history=array(shape("id:uuid name:str template_type:str version:int")))
MEMBER = {**USER, "required": USER["required"] + ["permissions", "folder_permissions"]}
ORGANISATION = shape("id:uuid name:str active:bool crown:bool? organisation_type:str? created_at:dt",
                     domains=array({"type": "string"}))
TEMPLATE = shape("id:uuid name:str template_type:str content:str subject:str? created_at:dt version:int "
                 "archived:bool hidden:bool service:uuid")
API_KEY = shape("id:uuid name:str key_type:str service_id:uuid expiry_date:dt? created_at:dt version:int")
PROVIDER = shape("id:uuid display_name:str identifier:str priority:int notification_type:str active:bool")
EMAIL_BRANDING = shape("id:uuid name:str colour:str? logo:str? text:str? brand_type:str")
LETTER_BRANDING = shape("id:uuid name:str filename:str")
CALLBACK_API = shape("id:uuid service_id:uuid url:str updated_by_id:uuid created_at:dt updated_at:dt?")
JOB = shape("id:uuid original_file_name:str notification_count:int template:uuid template_version:int "
            "service:uuid created_at:dt job_status:str scheduled_for:dt? archived:bool")
SMS_SENDER = shape("id:uuid sms_sender:str service_id:uuid is_default:bool archived:bool inbound_number_id:uuid? "
                   "created_at:dt updated_at:dt?")
REPLY_TO = shape("id:uuid service_id:uuid email_address:str is_default:bool archived:bool created_at:dt updated_at:dt?")
LETTER_CONTACT = shape("id:uuid service_id:uuid contact_block:str is_default:bool archived:bool created_at:dt "
                       "updated_at:dt?")
INBOUND_SMS = shape("id:uuid created_at:dt service_id:uuid notify_number:str user_number:str content:str")

V2_TEMPLATE_REF = shape("id:uuid version:int uri:str")
V2_SENT = shape("id:uuid reference:str? uri:str scheduled_for:dt? content:obj", template=V2_TEMPLATE_REF)
V2_NOTIFICATION = shape("id:uuid reference:str? email_address:str? phone_number:str? type:str status:str "
                        "body:str subject:str? created_at:dt sent_at:dt? completed_at:dt? "
                        "is_cost_data_ready:bool cost_in_pounds:num? cost_details:obj", template=V2_TEMPLATE_REF)
V2_TEMPLATE = shape("id:uuid type:str created_at:dt updated_at:dt? created_by:str? version:int body:str "
                    "subject:str? name:str personalisation:obj postage:str?")
LINKS = {"type": "object", "required": ["current"], "properties": {"current": {"type": "string"}, "next": {"type": "string"}}}

# (METHOD, route as added to the app) -> the success body's schema (None: no body, e.g. 204).
RESPONSES: dict[tuple[str, str], Schema | None] = {
    ("GET", "/_status"): shape("status:str"),
    ("GET", "/openapi.json"): shape("openapi:str info:obj paths:obj"),
    # services (the seed's 13 endpoints)
    ("GET", "/service"): data(array(SERVICE)),
    ("POST", "/service"): data(SERVICE),
    ("GET", "/service/find-services-by-name"): data(array(shape("id:uuid name:str active:bool restricted:bool"))),
    ("GET", "/service/{service_id}"): data(SERVICE),
    ("POST", "/service/{service_id}"): data(SERVICE),
    ("POST", "/service/{service_id}/archive"): None,
    ("GET", "/service/{service_id}/users"): data(array(MEMBER)),
    ("POST", "/service/{service_id}/users/{user_id}"): data(SERVICE),
    ("DELETE", "/service/{service_id}/users/{user_id}"): None,
    ("GET", "/service/{service_id}/history"): data(SERVICE_HISTORY),
    ("GET", "/service/{service_id}/guest-list"): shape("", email_addresses=array({"type": "string"}),
                                                       phone_numbers=array({"type": "string"})),
    ("PUT", "/service/{service_id}/guest-list"): None,
    ("GET", "/service/{service_id}/statistics"): data(STATS),
    ("GET", "/service/{service_id}/notifications/monthly"): data({"type": "object",
                                                                   "additionalProperties": STATS}),
    # templates
    ("GET", "/service/{service_id}/template"): data(array(shape("id:uuid name:str template_type:str"))),
    ("POST", "/service/{service_id}/template"): data(TEMPLATE),
    ("GET", "/service/{service_id}/template/{template_id}"): data(TEMPLATE),
    ("POST", "/service/{service_id}/template/{template_id}"): data(TEMPLATE),
    ("GET", "/service/{service_id}/template/{template_id}/version/{version}"): data(TEMPLATE),
    ("GET", "/service/{service_id}/template/{template_id}/versions"): data(array(TEMPLATE)),
    ("GET", "/service/{service_id}/template/{template_id}/preview"): TEMPLATE,
    # API keys: the secret is in the creation response only
    ("POST", "/service/{service_id}/api-key"): data({"type": "string"}),
    ("GET", "/service/{service_id}/api-keys"): shape("", apiKeys=array(API_KEY)),
    ("GET", "/service/{service_id}/api-keys/{key_id}"): shape("", apiKeys=array(API_KEY)),
    ("POST", "/service/{service_id}/api-key/revoke/{key_id}"): {"type": "null"},
    # service callback APIs: the bearer token goes in, never out
    ("POST", "/service/{service_id}/callback-api"): data(CALLBACK_API),
    ("POST", "/service/{service_id}/callback-api/{callback_api_id}"): data(CALLBACK_API),
    ("GET", "/service/{service_id}/callback-api/{callback_api_id}"): data(CALLBACK_API),
    ("DELETE", "/service/{service_id}/callback-api/{callback_api_id}"): None,
    # users
    ("POST", "/user"): data(USER_DETAILS),
    ("GET", "/user/{user_id}"): data(USER_DETAILS),
    ("POST", "/user/{user_id}"): data(USER_DETAILS),
    ("POST", "/user/email"): data(USER_DETAILS),
    ("POST", "/user/{user_id}/verify/password"): None,
    ("POST", "/user/{user_id}/service/{service_id}/permission"): None,
    ("GET", "/user/{user_id}/organisations-and-services"): shape("", organisations=array(shape("id:uuid name:str")),
                                                                 services=array(shape("id:uuid name:str"))),
    ("POST", "/user/{user_id}/archive"): None,
    ("POST", "/user/{user_id}/activate"): data(USER_DETAILS),
    ("POST", "/user/{user_id}/reset-failed-login-count"): data(USER_DETAILS),
    # organisations (Notify answers some of these with bare lists and objects)
    ("GET", "/organisations"): array(shape("id:uuid name:str active:bool")),
    ("POST", "/organisations"): ORGANISATION,
    ("GET", "/organisations/{organisation_id}"): ORGANISATION,
    ("POST", "/organisations/{organisation_id}"): None,
    ("POST", "/organisations/{organisation_id}/service"): None,
    ("GET", "/organisations/{organisation_id}/services"): array(shape("id:uuid name:str active:bool")),
    ("GET", "/organisations/{organisation_id}/users"): data(array(USER)),
    ("POST", "/organisations/{organisation_id}/users/{user_id}"): data(USER),
    ("DELETE", "/organisations/{organisation_id}/users/{user_id}"): None,
    # jobs (bulk sending from a spreadsheet)
    ("POST", "/service/{service_id}/job/upload"): data(shape("id:uuid template_id:uuid notification_count:int")),
    ("POST", "/service/{service_id}/job"): data(JOB),
    ("GET", "/service/{service_id}/job"): shape("page_size:int total:int links:obj", data=array(JOB)),
    ("GET", "/service/{service_id}/job/{job_id}"): data(JOB),
    ("POST", "/service/{service_id}/job/{job_id}/cancel"): data(JOB),
    ("GET", "/service/{service_id}/job/{job_id}/notification_count"): shape("count:int"),
    # providers and branding
    ("GET", "/provider-details"): shape("", provider_details=array(PROVIDER)),
    ("GET", "/provider-details/{provider_id}"): shape("", provider_details=PROVIDER),
    ("POST", "/provider-details/{provider_id}"): shape("", provider_details=PROVIDER),
    ("GET", "/provider-details/{provider_id}/versions"): data(array(PROVIDER)),
    ("GET", "/email-branding"): shape("", email_branding=array(EMAIL_BRANDING)),
    ("POST", "/email-branding"): data(EMAIL_BRANDING),
    ("GET", "/email-branding/{branding_id}"): shape("", email_branding=EMAIL_BRANDING),
    ("POST", "/email-branding/{branding_id}"): data(EMAIL_BRANDING),
    ("GET", "/letter-branding"): array(LETTER_BRANDING),
    ("POST", "/letter-branding"): LETTER_BRANDING,
    ("GET", "/letter-branding/{branding_id}"): LETTER_BRANDING,
    ("POST", "/letter-branding/{branding_id}"): LETTER_BRANDING,
    # senders (Notify answers some bare, some in `data`) and inbound text messages
    ("GET", "/service/{service_id}/sms-sender"): array(SMS_SENDER),
    ("POST", "/service/{service_id}/sms-sender"): SMS_SENDER,
    ("GET", "/service/{service_id}/sms-sender/{sms_sender_id}"): SMS_SENDER,
    ("POST", "/service/{service_id}/sms-sender/{sms_sender_id}"): SMS_SENDER,
    ("POST", "/service/{service_id}/sms-sender/{sms_sender_id}/archive"): data(SMS_SENDER),
    ("GET", "/service/{service_id}/email-reply-to"): array(REPLY_TO),
    ("POST", "/service/{service_id}/email-reply-to"): data(REPLY_TO),
    ("GET", "/service/{service_id}/email-reply-to/{reply_to_id}"): REPLY_TO,
    ("POST", "/service/{service_id}/email-reply-to/{reply_to_id}"): data(REPLY_TO),
    ("POST", "/service/{service_id}/email-reply-to/{reply_to_id}/archive"): data(REPLY_TO),
    ("GET", "/service/{service_id}/letter-contact"): array(LETTER_CONTACT),
    ("POST", "/service/{service_id}/letter-contact"): data(LETTER_CONTACT),
    ("GET", "/service/{service_id}/letter-contact/{letter_contact_id}"): LETTER_CONTACT,
    ("POST", "/service/{service_id}/letter-contact/{letter_contact_id}"): data(LETTER_CONTACT),
    ("POST", "/service/{service_id}/letter-contact/{letter_contact_id}/archive"): data(LETTER_CONTACT),
    ("GET", "/service/{service_id}/inbound-sms"): data(array(INBOUND_SMS)),
    ("POST", "/service/{service_id}/inbound-sms"): data(array(INBOUND_SMS)),
    ("GET", "/service/{service_id}/inbound-sms/summary"): shape("count:int most_recent:dt?"),
    ("GET", "/service/{service_id}/inbound-sms/{inbound_sms_id}"): INBOUND_SMS,
    # public API
    ("POST", "/v2/notifications/sms"): V2_SENT,
    ("POST", "/v2/notifications/email"): {**V2_SENT, "required": V2_SENT["required"] + ["sanitised_content"]},
    ("POST", "/v2/notifications/letter"): V2_SENT,
    ("GET", "/v2/notifications"): shape("", notifications=array(V2_NOTIFICATION), links=LINKS),
    ("GET", "/v2/notifications/{notification_id}"): V2_NOTIFICATION,
    ("GET", "/v2/template/{template_id}"): V2_TEMPLATE,
    ("GET", "/v2/template/{template_id}/version/{version:int}"): V2_TEMPLATE,
    ("POST", "/v2/template/{template_id}/preview"): shape("id:uuid type:str version:int body:str html:str? "
                                                          "subject:str? postage:str?"),
    ("GET", "/v2/templates"): shape("", templates=array(V2_TEMPLATE)),
    ("GET", "/v2/received-text-messages"): shape("", received_text_messages=array(INBOUND_SMS), links=LINKS),
    # provider delivery receipts
    ("POST", "/notifications/{notification_type}/fake/{provider}"): shape("result:str"),
    ("POST", "/notifications/sms/receive/fake"): shape("status:str"),
}

# Success statuses set outside the responder itself (else read off `resp.status = falcon.HTTP_...`, or 200).
STATUSES = {("POST", f"/v2/notifications/{kind}"): "201" for kind in ("sms", "email", "letter")}

# ---------------------------------------------------------------- v2 requests (Notify's JSON schemas)
_V2_STATUSES = [s.value for s in NotificationStatus] + [LETTER_ACCEPTED, LETTER_RECEIVED]
_UUID = {"type": "string", "format": "uuid"}
_PERSONALISATION = {"type": "object"}
_REFERENCE = {"type": "string", "maxLength": 1000}


def _v2_body(required: list[str], **props: Schema) -> Schema:
    return {"type": "object", "required": required, "properties": props, "additionalProperties": False}


V2_REQUESTS: dict[tuple[str, str], Schema] = {
    ("POST", "/v2/notifications/sms"): _v2_body(
        ["phone_number", "template_id"], phone_number={"type": "string"}, template_id=_UUID,
        personalisation=_PERSONALISATION, reference=_REFERENCE, sms_sender_id=_UUID),
    ("POST", "/v2/notifications/email"): _v2_body(
        ["email_address", "template_id"], email_address={"type": "string"}, template_id=_UUID,
        personalisation=_PERSONALISATION, reference=_REFERENCE, email_reply_to_id=_UUID,
        one_click_unsubscribe_url={"type": "string", "pattern": "^https://[^ ]+$"},
        sanitise_content_for=array({"type": "string"})),
    ("POST", "/v2/notifications/letter"): _v2_body(
        ["template_id", "personalisation"], template_id=_UUID, personalisation=_PERSONALISATION,
        reference=_REFERENCE),
    ("POST", "/v2/template/{template_id}/preview"): _v2_body([], personalisation=_PERSONALISATION),
    ("POST", "/notifications/{notification_type}/fake/{provider}"): {
        "type": "object", "required": ["id", "status"],
        "properties": {"id": _UUID, "status": {"type": "string"}}},
}


def _query(name: str, schema: Schema, *, required: bool = False, repeat: bool = False) -> Schema:
    param: Schema = {"name": name, "in": "query", "required": required,
                     "schema": array(schema) if repeat else schema}
    if repeat:
        param.update(style="form", explode=True)
    return param


V2_QUERIES: dict[tuple[str, str], list[Schema]] = {
    ("GET", "/v2/notifications"): [
        _query("status", {"type": "string", "enum": _V2_STATUSES}, repeat=True),
        _query("template_type", {"type": "string", "enum": [t.value for t in NotificationType]}, repeat=True),
        _query("reference", {"type": "string"}), _query("older_than", _UUID),
        _query("include_jobs", {"type": "string", "enum": ["true", "True"]})],
    ("GET", "/v2/templates"): [_query("type", {"type": "string", "enum": [t.value for t in TemplateType]})],
    ("GET", "/v2/received-text-messages"): [_query("older_than", _UUID)],
}

# ---------------------------------------------------------------- error bodies
V2_ERROR = {"type": "object", "required": ["status_code", "errors"], "properties": {
    "status_code": {"type": "integer"},
    "errors": array(shape("error:str message:str"))}}
ADMIN_ERROR = {"type": "object", "required": ["result", "message"], "properties": {
    "result": {"const": "error"},
    "message": {"anyOf": [{"type": "string"}, {"type": "object"}]}}}
# Routing answers (unknown URL, wrong method) use the admin shape on every path, as Notify's app does.
ANY_ERROR = {"anyOf": [{"$ref": "#/components/schemas/V2Error"}, {"$ref": "#/components/schemas/AdminError"}]}
ERROR_STATUSES = {"400": "Bad request: the message names the field", "401": "No or malformed credentials",
                  "403": "Credentials refused", "404": "No such item", "409": "Changed by someone else: retry",
                  "413": "Request body larger than NOTIFY_MAX_BODY_BYTES", "429": "Rate or daily limit reached",
                  "503": "The store is unavailable: retry"}


# ---------------------------------------------------------------- reading the app
@attrs.frozen
class Route:
    path: str          # as added to the app, e.g. /v2/template/{template_id}/version/{version:int}
    method: str
    resource: Any
    responder: Any


def routes(app: falcon.App) -> Iterator[Route]:
    """Every (route, method) the app answers with a responder of its own (not Falcon's 405/OPTIONS)."""
    stack = list(app._router._roots)  # noqa: SLF001 - Falcon offers no public walk of its routing tree
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.resource is None or not node.method_map:
            continue
        for method in METHODS:
            responder = node.method_map.get(method)
            if responder is not None and getattr(responder, "__self__", None) is node.resource:
                yield Route(node.uri_template, method, node.resource, responder)


def undocumented(app: falcon.App) -> list[str]:
    return sorted(f"{r.method} {r.path}" for r in routes(app) if (r.method, r.path) not in RESPONSES)


def _openapi_path(path: str) -> tuple[str, list[Schema]]:
    params = []
    for name, converter in re.findall(r"{(\w+)(?::(\w+))?}", path):
        if converter == "int":
            schema: Schema = {"type": "integer"}
        elif name.endswith("_id"):
            schema = _UUID
        else:
            schema = {"type": "string"}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return re.sub(r"{(\w+):\w+}", r"{\1}", path), params


def _source(responder: Any) -> tuple[str, dict[str, Any]]:
    function = getattr(responder, "__func__", responder)
    try:
        return inspect.getsource(function), function.__globals__
    except (OSError, TypeError):
        return "", {}


def _success_status(source: str) -> str:
    found = re.search(r"resp\.status\s*=\s*falcon\.HTTP_(\d{3})", source)
    return found.group(1) if found else "200"


_QUERY_TYPES = {"bool": {"type": "string", "enum": ["true", "false"]}, "int": {"type": "integer"},
                "uuid": _UUID, "date": {"type": "string", "format": "date"}, "required": {"type": "string"}}


# Query parameters read by hand rather than through wire.query_*: (METHOD, route) -> parameters.
ADMIN_QUERIES: dict[tuple[str, str], list[Schema]] = {
    ("GET", "/service/{service_id}/job"): [_query("statuses", {"type": "string"})],
    ("GET", "/service/{service_id}/inbound-sms"): [_query("phone_number", {"type": "string"})],
    ("GET", "/service/{service_id}/template"): [
        _query("template_type", {"type": "string", "enum": [t.value for t in TemplateType]})],
    ("GET", "/service/{service_id}/callback-api/{callback_api_id}"): [
        _query("callback_type", {"type": "string", "enum": [t.value for t in CallbackType]})],
    ("DELETE", "/service/{service_id}/callback-api/{callback_api_id}"): [
        _query("callback_type", {"type": "string", "enum": [t.value for t in CallbackType]})],
}


def _admin_query(source: str) -> list[Schema]:
    seen: dict[str, Schema] = {}
    for kind, name in re.findall(r"query_(bool|int|uuid|date|required)\(\s*req,\s*\"(\w+)\"", source):
        seen.setdefault(name, _query(name, _QUERY_TYPES[kind], required=kind == "required"))
    return list(seen.values())


def _admin_body(source: str, namespace: dict[str, Any]) -> Schema | None:
    found = re.search(r"parse\(\s*(?:body\(req\)|data),\s*(\w+)(,\s*partial=True)?", source)
    if not found:
        return None
    wire_class = namespace.get(found.group(1))
    if wire_class is None or not attrs.has(wire_class):
        return None
    return attrs_schema(wire_class, partial=bool(found.group(2)))


# ---------------------------------------------------------------- attrs wire classes -> JSON Schema
def attrs_schema(cls: type, *, partial: bool = False) -> Schema:
    hints = typing.get_type_hints(cls)
    props: dict[str, Schema] = {}
    required = []
    for field in attrs.fields(cls):
        schema = type_schema(hints[field.name])
        for key, keyword in (("max_length", "maxLength"), ("minimum", "minimum")):
            if field.metadata.get(key) is not None:
                schema = _constrain(schema, keyword, field.metadata[key])
        if field.metadata.get("not_blank"):
            schema = _constrain(schema, "pattern", r"\S")
        props[field.name] = schema
        if field.default is attrs.NOTHING and not partial:
            required.append(field.name)
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False}


def _constrain(schema: Schema, keyword: str, value: Any) -> Schema:
    if "anyOf" in schema:
        return {"anyOf": [_constrain(s, keyword, value) for s in schema["anyOf"]]}
    applies = {"maxLength": "string", "pattern": "string", "minimum": "integer"}[keyword]
    return {**schema, keyword: value} if schema.get("type") == applies else schema


def type_schema(kind: Any) -> Schema:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [type_schema(a) for a in args if a is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        return nullable(schema) if type(None) in args else schema
    if origin in (list, tuple, frozenset, set):
        return array(type_schema(args[0]) if args else {})
    if origin is dict:
        return {"type": "object"}
    if isinstance(kind, type):
        if issubclass(kind, Enum):
            return {"type": "string", "enum": [m.value for m in kind]}
        if issubclass(kind, bool):
            return {"type": "boolean"}
        if issubclass(kind, int):
            return {"type": "integer", "minimum": -(2**31 - 1), "maximum": 2**31 - 1}  # wire.INT_MAX
        if issubclass(kind, float):
            return {"type": "number"}
        if issubclass(kind, str):
            return {"type": "string"}
        if issubclass(kind, UUID):
            return _UUID
        if issubclass(kind, datetime):
            return {"type": "string", "format": "date-time"}
        if issubclass(kind, date):
            return {"type": "string", "format": "date"}
        if attrs.has(kind):
            return attrs_schema(kind)
    return {}


# ---------------------------------------------------------------- the document
def _operation(route: Route, response: Schema | None) -> Schema:
    auth = getattr(route.resource, "auth", "admin")
    public = route.path.startswith("/v2/")
    key = (route.method, route.path)
    source, namespace = _source(route.responder)
    _, path_params = _openapi_path(route.path)
    operation: Schema = {
        "operationId": f"{route.method.lower()}_{re.sub(r'[^a-zA-Z0-9]+', '_', route.path).strip('_')}",
        "tags": ["public" if public else "admin" if auth == "admin" else "open"],
        "summary": (inspect.getdoc(route.responder) or "").split("\n")[0] or f"{route.method} {route.path}",
        "parameters": path_params + (V2_QUERIES.get(key, []) if public else
                                     _admin_query(source) + ADMIN_QUERIES.get(key, [])),
        "security": [] if auth == "none" else [{"providerToken": []}] if auth == "provider" else
                    [{"bearerAuth": []}],
        "x-auth": auth,
    }
    request = V2_REQUESTS.get(key) or (None if public else _admin_body(source, namespace))
    if request is not None:
        operation["requestBody"] = {"required": False, "content": {"application/json": {"schema": request}}}
    status = STATUSES.get(key) or _success_status(source)
    ok: Schema = {"description": "Success"}
    if response is not None:
        ok["content"] = {"application/json": {"schema": response}}
    error = {"$ref": "#/components/schemas/V2Error" if public and auth != "none" else
             "#/components/schemas/AdminError"}
    responses: Schema = {status: ok}
    for code, text in ERROR_STATUSES.items():
        if code in ("401", "403") and auth == "none":
            continue
        schema = ANY_ERROR if code in ("404", "405") else error
        responses[code] = {"description": text, "content": {"application/json": {"schema": schema}}}
    operation["responses"] = responses
    return operation


def build_document(app: falcon.App) -> Schema:
    paths: dict[str, Schema] = {}
    for route in sorted(routes(app), key=lambda r: (r.path, r.method)):
        key = (route.method, route.path)
        if key not in RESPONSES:
            continue
        path, _ = _openapi_path(route.path)
        paths.setdefault(path, {})[route.method.lower()] = _operation(route, RESPONSES[key])
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
            "schemas": {"V2Error": V2_ERROR, "AdminError": ADMIN_ERROR},
        },
    }


class OpenApiResource:
    """GET /openapi.json: this document, built once from the app it is mounted in."""

    auth = "none"

    def __init__(self, app: falcon.App) -> None:
        self._app = app
        self._document: Schema | None = None

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        """The OpenAPI 3.1 document of this API."""
        if self._document is None:
            self._document = build_document(self._app)
        resp.media = self._document
