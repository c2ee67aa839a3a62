"""Requests into wire classes: the body, query and path parameters structured by cattrs, then checked against
each field's constraints; every problem is reported at once, in the wording of the API that was called:
marshmallow's for the admin API (`{"name": ["Missing data for required field."]}`), Notify's JSON-schema
wording for the public v2 API (`phone_number is a required property`)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, cast

import attrs
import falcon
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError
from cattrs.gen import make_dict_unstructure_fn, override

from notify.converters import WireTypeError, make_api_converter, make_param_converter
from notify.domain.errors import InvalidRequest, ValidationFailed

from .fields import QUERY_MAX_LENGTH, Changes, HttpsUrl, integer_bounds

T = TypeVar("T")

BODY = make_api_converter()
PARAMS = make_param_converter()


def _https_url(value: Any, _: Any) -> HttpsUrl:
    if isinstance(value, str) and value.startswith("https://") and len(value) > len("https://") \
            and " " not in value:
        return HttpsUrl(value)
    raise WireTypeError("https url", value)


def _omits(cls: Any) -> bool:
    return attrs.has(cls) and any(f.metadata.get("omit_if_none") for f in attrs.fields(cls))


def _omitting(cls: Any, converter: Any) -> Any:
    """Response fields marked `omit_if_none` are left out of the JSON when None (Notify leaves such keys out)."""
    overrides: dict[str, Any] = {
        f.name: override(omit_if_default=True) for f in attrs.fields(cls) if f.metadata.get("omit_if_none")}
    return make_dict_unstructure_fn(cls, converter, **overrides)


for _converter in (BODY, PARAMS):
    _converter.register_structure_hook(HttpsUrl, _https_url)
    _converter.register_unstructure_hook_factory(_omits, _omitting)


# ---------------------------------------------------------------- problems, then words
@attrs.frozen
class Problem:
    kind: str  # missing, unknown, type, too_long, below, above, blank, not_one_of
    value: Any = None
    detail: Any = None  # the expected type, the limit or the choices
    message: str | None = None  # the field's own wording, replacing the admin API's


class Dialect:
    """How one API words problems."""

    public = False

    def words(self, field: str, problems: list[Problem]) -> dict[str, list[str]]:
        raise NotImplementedError

    def not_an_object(self, value: Any) -> dict[str, list[str]]:
        raise NotImplementedError


class AdminWording(Dialect):
    def words(self, field: str, problems: list[Problem]) -> dict[str, list[str]]:
        if field == "":
            return {name: ["Unknown field."] for name in problems[0].value}
        problem = problems[0]
        return {field: [problem.message or _admin(problem)]}

    def not_an_object(self, value: Any) -> dict[str, list[str]]:
        return {"_schema": ["Invalid input type."]}


def _admin(p: Problem) -> str:
    if p.kind == "missing":
        return "Missing data for required field."
    if p.kind == "type":
        return f"Must be {p.detail}." if p.detail.startswith("one of") else f"Not a valid {p.detail}."
    if p.kind == "too_long":
        return f"Longer than maximum length {p.detail}."
    if p.kind == "below":
        return f"Must be greater than or equal to {p.detail}."
    if p.kind == "above":
        return f"Must be less than or equal to {p.detail}."
    if p.kind == "blank":
        return "Field may not be blank."
    return "Must be one of: " + ", ".join(p.detail) + "."


ISO8601 = ("datetime format is invalid. It must be a valid ISO8601 date time format, "
           "https://en.wikipedia.org/wiki/ISO_8601")
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
              "object": "object", "list": "array", "date": "string", "value": "object"}


class PublicWording(Dialect):
    public = True

    def words(self, field: str, problems: list[Problem]) -> dict[str, list[str]]:
        if field == "":
            names = problems[0].value
            verb = "was" if len(names) == 1 else "were"
            return {"": [f"Additional properties are not allowed ({', '.join(names)} {verb} unexpected)"]}
        return {field: [_public(p) for p in problems]}

    def not_an_object(self, value: Any) -> dict[str, list[str]]:
        return {"": [f"{show(value)} is not of type object"]}


def show(value: Any) -> str:
    """A value as Notify's messages show it: JSON without quotes."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False).replace('"', "")


def _public(p: Problem) -> str:
    if p.kind == "missing":
        return "is a required property"
    if p.kind == "type":
        expected: str = p.detail
        if expected == "UUID":
            return "is not a valid UUID"
        if expected == "https url":
            return "is not a valid https url"
        if expected == "datetime" and isinstance(p.value, str):
            return ISO8601
        if expected.startswith("one of"):
            return f"{show(p.value)} is not one of [{expected.removeprefix('one of: ')}]"
        return f"{show(p.value)} is not of type {JSON_TYPES.get(expected, 'string')}"
    if p.kind == "too_long":
        return f"{show(p.value)} is too long"
    if p.kind == "below":
        return f"{show(p.value)} is less than the minimum of {p.detail}"
    if p.kind == "above":
        return f"{show(p.value)} is greater than the maximum of {p.detail}"
    if p.kind == "blank":
        return "should be non-empty"
    return f"{show(p.value)} is not one of [{', '.join(p.detail)}]"


ADMIN = AdminWording()
PUBLIC = PublicWording()


def dialect_for(req: falcon.Request) -> Dialect:
    return PUBLIC if req.path.startswith("/v2/") else ADMIN


# ---------------------------------------------------------------- structuring
@attrs.frozen
class _Plan:
    """What `structure` needs to know of a class, worked out once."""

    fields: dict[str, attrs.Attribute[Any]]
    checked: dict[str, attrs.Attribute[Any]]  # fields with a constraint to check after structuring
    messages: dict[str, str]  # fields with their own wording (admin API)


@functools.cache
def _plan(cls: Any, params: bool) -> _Plan:
    declared: Any = attrs.resolve_types(cls)
    fields = {f.name: f for f in attrs.fields(declared) if f.init}
    checked = {name: f for name, f in fields.items()
               if _is_int_field(f) or params or {"max_length", "not_blank", "one_of"} & set(f.metadata)}
    messages = {name: f.metadata["message"] for name, f in fields.items() if "message" in f.metadata}
    return _Plan(fields, checked, messages)


def structure(data: Any, cls: type[T], dialect: Dialect, *, params: bool = False) -> T:
    """`data` (a JSON object, or the text values of a URL) as an instance of the attrs class `cls`; raises
    ValidationFailed naming every problem in `dialect`'s words."""
    if not isinstance(data, dict):
        raise ValidationFailed(dialect.not_an_object(data))
    plan = _plan(cast(Any, cls), params)
    problems: dict[str, list[Problem]] = {}
    result: T | None = None
    try:
        result = (PARAMS if params else BODY).structure(data, cls)
    except Exception as exc:  # cattrs gathers every field's failure in one exception group
        for name, problem in _failures(exc, data):
            problems.setdefault(name, []).append(problem)
    for name, value in data.items():
        field = plan.checked.get(name)
        if field is not None and name not in problems:
            found = list(_constraint_problems(field, value, params=params))
            if found:
                problems[name] = found
    if problems:
        raise ValidationFailed(_worded(problems, plan.fields, data, dialect, plan.messages))
    assert result is not None
    if isinstance(result, Changes):
        result.given = frozenset(data)
    return result


def _worded(problems: dict[str, list[Problem]], fields: Mapping[str, Any], data: Mapping[str, Any],
            dialect: Dialect, messages: Mapping[str, str]) -> dict[str, list[str]]:
    """Missing fields first (in declared order), then the given ones as given, then unknown ones."""
    order = [n for n in fields if n not in data] + [n for n in data if n in fields] + [""]
    worded: dict[str, list[str]] = {}
    for name in order:
        if name in problems:
            found = problems[name]
            if name in messages:
                found = [attrs.evolve(p, message=messages[name]) for p in found]
            worded.update(dialect.words(name, found))
    return worded


def _failures(exc: BaseException, data: Mapping[str, Any]) -> Iterator[tuple[str, Problem]]:
    for inner in getattr(exc, "exceptions", ()):
        if isinstance(inner, ForbiddenExtraKeysError):
            yield "", Problem("unknown", value=[n for n in data if n in inner.extra_fields])
            continue
        name = next((n.name for n in getattr(inner, "__notes__", ()) if isinstance(n, AttributeValidationNote)),
                    None)
        if name is None:
            continue
        if isinstance(inner, KeyError):
            yield name, Problem("missing")
            continue
        leaves = list(_wire_errors(inner)) or [WireTypeError("value", data.get(name))]
        for leaf in leaves:
            yield name, Problem("type", value=leaf.value, detail=leaf.expected)


def _wire_errors(exc: BaseException) -> Iterator[WireTypeError]:
    if isinstance(exc, WireTypeError):
        yield exc
    for inner in getattr(exc, "exceptions", ()):
        yield from _wire_errors(inner)


def _constraint_problems(field: attrs.Attribute[Any], value: Any, *, params: bool) -> Iterator[Problem]:
    meta = field.metadata
    for item in value if isinstance(value, list) else [value]:
        if params and _is_int_field(field) and isinstance(item, str):
            item = int(item)  # already structured once: it is an integer
        if isinstance(item, int) and not isinstance(item, bool) and _is_int_field(field):
            low, high = integer_bounds(field)
            if item > high:
                yield Problem("above", value=item, detail=high)
            elif item < low:
                yield Problem("below", value=item, detail=low)
        if isinstance(item, str):
            limit = meta.get("max_length", QUERY_MAX_LENGTH if params else None)
            if limit is not None and len(item) > limit:
                yield Problem("too_long", value=item, detail=limit)
            elif meta.get("not_blank") and not item.strip():
                yield Problem("blank", value=item)
            elif "one_of" in meta and item not in meta["one_of"]:
                yield Problem("not_one_of", value=item, detail=list(meta["one_of"]))


def _is_int_field(field: attrs.Attribute[Any]) -> bool:
    kind = field.type
    return kind is int or kind == int | None or kind == list[int]


# ---------------------------------------------------------------- the three sources
def read_body(req: falcon.Request, cls: type[T]) -> T:
    dialect = dialect_for(req)
    return structure(public_json(req) if dialect.public else admin_json(req), cls, dialect)


def read_query(req: falcon.Request, cls: type[T]) -> T:
    """Query parameters as `cls`: a repeated parameter is a list for list fields (else its last value counts).
    The public API refuses parameters it does not know; the admin API ignores them, as Notify's does."""
    dialect = dialect_for(req)
    fields = _plan(cast(Any, cls), True).fields
    values: dict[str, Any] = {}
    for name, raw in req.params.items():
        field = fields.get(name)
        if field is None and not dialect.public:
            continue
        items = raw if isinstance(raw, list) else [raw]
        if field is not None and field.metadata.get("blank_is_missing") and items[-1] == "":
            continue
        listed = field is not None and getattr(field.type, "__origin__", None) is list
        values[name] = items if listed else items[-1]
    return structure(values, cls, dialect, params=True)


def read_path(req: falcon.Request, cls: type[T], values: Mapping[str, Any],
              aliases: Mapping[str, str] | None = None) -> T:
    """The URL's parameters as `cls`; `aliases` renames a parameter in messages (`template_id` shown as `id`)."""
    dialect = dialect_for(req)
    aliases = aliases or {}
    fields = _plan(cast(Any, cls), True).fields
    given = {name: values[name] for name in fields if name in values}
    try:
        return structure(given, cls, dialect, params=True)
    except ValidationFailed as failed:
        raise ValidationFailed({aliases.get(k, k): v for k, v in failed.errors.items()}) from None


# ---------------------------------------------------------------- JSON bodies
def checked_body(check: Callable[[dict[str, Any]], None]) -> Callable[..., Any]:
    """An operation's body source: the request's JSON, passed through `check` (for refusals worded apart from
    the field-by-field ones) before it is structured."""

    def read(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> Any:
        data = public_json(req) if dialect_for(req).public else admin_json(req)
        if isinstance(data, dict):
            check(data)
        return data

    return read


def admin_json(req: falcon.Request) -> Any:
    """The admin API's JSON body; an empty body is `{}`."""
    try:
        media = req.get_media(default_when_empty=None)
    except RecursionError:  # nested deeper than the JSON decoder goes: not a body anyone means to send
        raise InvalidRequest("Invalid JSON supplied in POST data") from None
    if media is None:
        return {}
    refuse_unstorable_text(media)
    return media


def public_json(req: falcon.Request) -> Any:
    """The body as JSON whatever the Content-Type (as Notify reads v2 bodies); empty or null counts as {}."""
    raw = req.bounded_stream.read()
    if not raw or not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the decoder goes
        raise InvalidRequest("Invalid JSON supplied in POST data") from None
    if b"\\u" in raw or not raw.isascii():  # only an escape or raw UTF-8 can bring text no store takes
        refuse_unstorable_text(value)
    return {} if value is None else value


NUL = "NUL characters (\\u0000) are not allowed in POST data"
SURROGATE = "Unpaired surrogate characters (\\ud800-\\udfff) are not allowed in POST data"


def refuse_unstorable_text(value: Any) -> None:
    """A string anywhere in this JSON value (keys included) that no store can take is refused here, as a 400,
    rather than failing in the store: NUL (PostgreSQL text cannot hold it) or an unpaired surrogate (a JSON
    escape such as \\ud800 alone, which UTF-8 cannot encode)."""
    problem = _unstorable(value)
    if problem is not None:
        raise InvalidRequest(problem)


def _unstorable(value: Any) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return NUL
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return SURROGATE
        return None
    if isinstance(value, dict):
        return next((p for k, v in value.items() for p in (_unstorable(k), _unstorable(v)) if p), None)
    if isinstance(value, list):
        return next((p for p in map(_unstorable, value) if p), None)
    return None


def unstructure(value: Any, kind: Any = None) -> Any:
    """Wire values to JSON-ready data (UUIDs as text, timestamps in Notify's UTC format, enums as values)."""
    return BODY.unstructure(value, kind) if kind is not None else BODY.unstructure(value)

