"""Hand-written OpenAPI descriptions of the admin routes not yet declared with `@operation` (see openapi.py):
request bodies and query parameters read off the responder's source, response shapes written here. Each
area moves to @operation and its entries leave this table; the module goes when the table is empty."""

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

# (METHOD, route as added to the app) -> the success body's schema (None: no body, e.g. 204).
RESPONSES: dict[tuple[str, str], Schema | None] = {
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
}


_UUID = {"type": "string", "format": "uuid"}


def _query(name: str, schema: Schema, *, required: bool = False, repeat: bool = False) -> Schema:
    param: Schema = {"name": name, "in": "query", "required": required,
                     "schema": array(schema) if repeat else schema}
    if repeat:
        param.update(style="form", explode=True)
    return param


# ---------------------------------------------------------------- reading a responder
@attrs.frozen
class Description:
    parameters: list[Schema]
    request: Schema | None
    response: Schema | None
    status: str


def describe(route: Any) -> Description:
    key = (route.method, route.path)
    source, namespace = _source(route.responder)
    return Description(parameters=_admin_query(source) + ADMIN_QUERIES.get(key, []),
                       request=_admin_body(source, namespace), response=RESPONSES[key],
                       status=_success_status(source))


def _source(responder: Any) -> tuple[str, dict[str, Any]]:
    function = getattr(responder, "__func__", responder)
    try:
        return inspect.getsource(function), function.__globals__
    except (OSError, TypeError):
        return "", {}


def _success_status(source: str) -> str:
    found = re.search(r"resp\.status\s*=\s*falcon\.HTTP_(\d{3})", source)
    return found.group(1) if found else "200"


_QUERY_TYPES: dict[str, Schema] = {"bool": {"type": "string", "enum": ["true", "false"]}, "int": {"type": "integer"},
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


