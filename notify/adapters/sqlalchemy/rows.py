"""Rows <-> domain objects, in one place: column renames, enums to text, encrypted columns.

Column names equal attribute names except where Notify's schema names them otherwise (RENAMES below).
Encrypted attributes are stored as AES-GCM tokens (crypto.py); JSON ones are serialised first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import Enum
import operator
import typing
from typing import Any, Generic, TypeVar

import attrs
from attrs import AttrsInstance

from notify.converters import make_row_converter
from notify.domain.api_key import ApiKey
from notify.domain.branding import EmailBranding, LetterBranding
from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.complaint import Complaint
from notify.domain.inbound_sms import InboundSms
from notify.domain.job import Job
from notify.domain.notification import Notification
from notify.domain.notification_history import NotificationHistory
from notify.domain.organisation import Organisation
from notify.domain.provider import ProviderDetails
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender
from notify.domain.service import GuestListEntry, Service
from notify.domain.template import Template
from notify.domain.user import User

from .crypto import Cipher

ROWS = make_row_converter()
T = TypeVar("T", bound=AttrsInstance)


class RowMap(Generic[T]):
    """How one domain class is stored in one table (and its history table, which has the same columns).

    Hot path: no generic structuring per row. Each column gets its converter once, here: enums are rebuilt
    from their text, encrypted columns decrypted; everything else the driver and the column types already
    give in the domain's type (UUID, tz-aware datetime, int, bool, float, str)."""

    def __init__(self, cls: type[T], *, renames: Mapping[str, str] | None = None, skip: tuple[str, ...] = (),
                 encrypted: tuple[str, ...] = (), encrypted_json: tuple[str, ...] = ()) -> None:
        self.cls = cls
        renames = renames or {}
        attrs.resolve_types(cls)
        fields = [f for f in attrs.fields(cls) if f.name not in skip]
        self.columns: dict[str, str] = {f.name: renames.get(f.name, f.name) for f in fields}
        self.encrypted = frozenset(encrypted)
        self.encrypted_json = frozenset(encrypted_json)
        self.what = cls.__name__
        self._enums = {f.name: enum for f in fields if (enum := _enum_of(f.type)) is not None}
        self._plain = [(a, c) for a, c in self.columns.items()
                       if a not in self._enums and a not in self.encrypted and a not in self.encrypted_json]
        self._enum_columns = [(a, self.columns[a], e._value2member_map_, e) for a, e in self._enums.items()]
        names = list(self.columns)
        self._read_all = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
        self._enum_at = [i for i, a in enumerate(names) if a in self._enums]
        self._encrypted_at = [i for i, a in enumerate(names) if a in self.encrypted]
        self._encrypted_json_at = [i for i, a in enumerate(names) if a in self.encrypted_json]

    def column(self, attribute: str) -> str:
        return self.columns[attribute]

    def to_row(self, obj: T, cipher: Cipher) -> dict[str, Any]:
        return dict(zip(self.columns.values(), self.to_values(obj, cipher), strict=True))

    def to_values(self, obj: T, cipher: Cipher) -> list[Any]:
        """The column values in `columns` order (COPY writes these straight out): every attribute read in one
        call, then only the enum and encrypted ones converted."""
        values = list(self._read_all(obj))
        for i in self._enum_at:
            if values[i] is not None:
                values[i] = values[i].value
        for i in self._encrypted_at:
            if values[i] is not None:
                values[i] = cipher.encrypt(values[i])
        for i in self._encrypted_json_at:
            values[i] = cipher.encrypt_json(values[i]) if values[i] else None
        return values

    def from_row(self, row: Mapping[Any, Any], cipher: Cipher, **extra: Any) -> T:
        values: dict[str, Any] = {attribute: row[column] for attribute, column in self._plain}
        for attribute, column, members, enum in self._enum_columns:
            value = row[column]
            values[attribute] = None if value is None else members.get(value) or enum(value)
        for attribute in self.encrypted:
            value = row[self.columns[attribute]]
            values[attribute] = None if value is None else cipher.decrypt(value, f"{self.what}.{attribute}")
        for attribute in self.encrypted_json:
            value = row[self.columns[attribute]]
            values[attribute] = {} if value is None else cipher.decrypt_json(value, f"{self.what}.{attribute}")
        values.update(extra)
        return self.cls(**values)


    def reader(self, keys: Sequence[str], cipher: Cipher) -> Callable[[Sequence[Any]], T]:
        """A function from one result row (a tuple in `keys` order) to a domain object: the read hot path."""
        at = {key: i for i, key in enumerate(keys)}
        plain = [(a, at[c]) for a, c in self._plain]
        enums = [(a, at[c], members, enum) for a, c, members, enum in self._enum_columns]
        secret = [(a, at[self.columns[a]], f"{self.what}.{a}") for a in self.encrypted]
        secret_json = [(a, at[self.columns[a]], f"{self.what}.{a}") for a in self.encrypted_json]
        cls, decrypt, decrypt_json = self.cls, cipher.decrypt, cipher.decrypt_json

        def read(row: Sequence[Any]) -> T:
            values = {a: row[i] for a, i in plain}
            for a, i, members, enum in enums:
                value = row[i]
                values[a] = None if value is None else members.get(value) or enum(value)
            for a, i, what in secret:
                value = row[i]
                values[a] = None if value is None else decrypt(value, what)
            for a, i, what in secret_json:
                value = row[i]
                values[a] = {} if value is None else decrypt_json(value, what)
            return cls(**values)

        return read


def _enum_of(kind: Any) -> type[Enum] | None:
    """The Enum class of `X`, `X | None`; None for anything else."""
    for candidate in (kind, *typing.get_args(kind)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


SERVICE = RowMap(Service, renames={"created_by": "created_by_id"}, skip=("permissions",))
USER = RowMap(User, renames={"password_hash": "_password"})
ORGANISATION = RowMap(Organisation, skip=("domains",))
TEMPLATE = RowMap(Template, renames={"created_by": "created_by_id", "reply_to": "service_letter_contact_id"})
API_KEY = RowMap(ApiKey, renames={"created_by": "created_by_id"}, encrypted=("secret",))
NOTIFICATION = RowMap(Notification, renames={"status": "notification_status", "personalisation": "_personalisation"},
                      encrypted_json=("personalisation",))
NOTIFICATION_HISTORY = RowMap(NotificationHistory, renames={"status": "notification_status"})
JOB = RowMap(Job, renames={"created_by": "created_by_id"})
PROVIDER = RowMap(ProviderDetails)
EMAIL_BRANDING = RowMap(EmailBranding)
LETTER_BRANDING = RowMap(LetterBranding)
CALLBACK_API = RowMap(ServiceCallbackApi, encrypted=("bearer_token",))
GUEST_LIST_ENTRY = RowMap(GuestListEntry)
SMS_SENDER = RowMap(ServiceSmsSender)
EMAIL_REPLY_TO = RowMap(ServiceEmailReplyTo)
INBOUND_SMS = RowMap(InboundSms, renames={"content": "_content"}, encrypted=("content",))
COMPLAINT = RowMap(Complaint)


def as_text(value: Any) -> str:
    """An enum's stored text (plain strings pass through)."""
    return str(getattr(value, "value", value))
