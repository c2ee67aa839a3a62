"""Receipts and texts in the formats of Notify's own providers: MMG's and Firetext's delivery receipts
(POST /notifications/sms/mmg, /sms/firetext), the texts they receive for us (/sms/receive/mmg,
/sms/receive/firetext) and DVLA's letter status (/notifications/letter/status?token=…).

The SMS routes are the named provider's: its verifier (NOTIFY_PROVIDER_CALLBACK_TOKEN, as a bearer token or the
basic auth password MMG and Firetext send) checks the request before it is read. A field missing is a 400 in
Notify's words ("MMG callback failed: status missing"); a receipt for a notification we do not know, or a text
no service takes, is still answered 200 so the provider does not retry it. The letter route is authenticated
by its token, signed for that one letter."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote
from uuid import UUID

import attrs
import falcon

from notify.domain.errors import ValidationFailed
from notify.ports.provider_callbacks import ProviderCallback
from notify.ports.provider_webhooks import form
from notify.usecases import inbound_sms, notify_provider_receipts as receipts
from notify.usecases.app import Notify

from .operation import operation
from .provider_auth import json_object, verified_callback
from .schemas.inbound_sms import Acknowledged
from .schemas.provider_callbacks import (
    FiretextInboundSms, FiretextReceipt, LetterStatusQuery, LetterStatusReport, MmgInboundSms, MmgReceipt, ReceiptResult,
)


def _require(data: Mapping[str, Any], client: str, names: tuple[str, ...]) -> None:
    problems = [f"{client} callback failed: {name} missing" for name in names if not str(data.get(name) or "")]
    if problems:
        raise ValidationFailed({"": problems})


def _known(data: Mapping[str, Any], wire: type) -> dict[str, Any]:
    """The fields the wire class takes, as text (providers send numbers for codes), others left behind."""
    return {f.name: str(data[f.name]) for f in attrs.fields(wire) if data.get(f.name) not in (None, "")}


def _mmg_receipt(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
    data = json_object(verified_callback(resource.notify, req, "mmg"))
    _require(data, "MMG", ("status", "CID"))
    return _known(data, MmgReceipt)


def _firetext_receipt(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
    data = form(verified_callback(resource.notify, req, "firetext"))
    _require(data, "Firetext", ("status", "reference"))
    return _known(data, FiretextReceipt)


def _mmg_text(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
    data = json_object(verified_callback(resource.notify, req, "mmg"))
    _require(data, "MMG", ("MSISDN", "Number", "Message", "ID"))
    return _known(data, MmgInboundSms)


def _firetext_text(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
    data = form(verified_callback(resource.notify, req, "firetext"))
    _require(data, "Firetext", ("source", "destination", "message"))
    return _known(data, FiretextInboundSms)


class MmgReceiptResource:
    auth = "provider"

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(body=MmgReceipt, source=_mmg_receipt, response=ReceiptResult)
    def on_post(self, req: falcon.Request, body: MmgReceipt) -> ReceiptResult:
        """An SMS delivery receipt in MMG's format."""
        receipts.mmg_receipt(self.notify, reference=body.CID, status=body.status, substatus=body.substatus)
        return ReceiptResult(result="success")


class FiretextReceiptResource:
    auth = "provider"

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(body=FiretextReceipt, source=_firetext_receipt, response=ReceiptResult)
    def on_post(self, req: falcon.Request, body: FiretextReceipt) -> ReceiptResult:
        """An SMS delivery receipt in Firetext's format."""
        receipts.firetext_receipt(self.notify, reference=body.reference, status=body.status, code=body.code)
        return ReceiptResult(result="success")


class MmgInboundResource:
    auth = "provider"

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(body=MmgInboundSms, source=_mmg_text, response=Acknowledged)
    def on_post(self, req: falcon.Request, body: MmgInboundSms) -> Acknowledged:
        """A text sent to one of our numbers, from MMG (a retry of the same `ID` is stored once)."""
        inbound_sms.receive_sms_once(self.notify, replay_key=body.ID, provider="mmg", source=body.MSISDN,
                                     destination=body.Number, message=mmg_text(body.Message),
                                     provider_reference=body.ID, provider_date=provider_date(body.DateRecieved))
        return Acknowledged(status="ok")


class FiretextInboundResource:
    auth = "provider"

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(body=FiretextInboundSms, source=_firetext_text, response=Acknowledged)
    def on_post(self, req: falcon.Request, body: FiretextInboundSms) -> Acknowledged:
        """A text sent to one of our numbers, from Firetext (which names no id: the same post again is one text)."""
        replay_key = hashlib.sha256("\x1f".join((body.source, body.destination, body.message, body.time or ""))
                                    .encode()).hexdigest()
        inbound_sms.receive_sms_once(self.notify, replay_key=replay_key, provider="firetext", source=body.source,
                                     destination=body.destination, message=body.message,
                                     provider_date=provider_date(body.time))
        return Acknowledged(status="ok")


def mmg_text(message: str) -> str:
    """MMG's message as the sender wrote it: `+` for spaces, %-escapes, then \\u escapes."""
    text = unquote(message.replace("+", " "))
    try:
        return codecs.decode(text.encode("raw_unicode_escape"), "unicode_escape")
    except (UnicodeDecodeError, ValueError):
        return text


def provider_date(value: str | None) -> datetime | None:
    """A provider's timestamp (MMG's may be +- and %-encoded); one without a zone is UTC; unreadable: None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(unquote(value.replace("+", " ")).strip())
        return parsed.replace(tzinfo=parsed.tzinfo or timezone.utc).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None


def _letter_status(resource: Any, req: falcon.Request, params: Mapping[str, Any]) -> dict[str, Any]:
    """The token first (a forged one is a 403 whatever the body), then Notify's CloudEvent schema."""
    receipts.letter_callback_notification(resource.notify, params["query"].token)
    event = json_object(_unverified(req))
    problems: dict[str, list[str]] = {}
    for name in ("id", "time", "data", "metadata"):
        if name not in event:
            problems[name] = ["is a required property"]
    data: dict[str, Any] = event["data"] if isinstance(event.get("data"), dict) else {}
    metadata: dict[str, Any] = event["metadata"] if isinstance(event.get("metadata"), dict) else {}
    if "metadata" in event and not isinstance(metadata.get("correlationId"), str):
        problems["metadata.correlationId"] = ["is a required property"]
    for name in ("jobId", "jobStatus", "transitionDate"):
        if "data" in event and not isinstance(data.get(name), str):
            problems[f"data.{name}"] = ["is a required property"]
    if data.get("jobStatus") == receipts.DESPATCHED:
        properties = data.get("despatchProperties")
        sheets = [p.get("value") for p in properties if isinstance(p, dict) and p.get("key") == "totalSheets"] \
            if isinstance(properties, list) else []
        if not sheets or not str(sheets[0]).isdigit():
            problems["data.despatchProperties"] = ["must hold totalSheets when the letter is despatched"]
    if problems:
        raise ValidationFailed(problems)
    return {"job_id": data["jobId"], "job_status": data["jobStatus"]}


def _unverified(req: falcon.Request) -> ProviderCallback:
    return ProviderCallback(method=req.method, url=req.url, headers={}, body=req.bounded_stream.read())


class LetterStatusResource:
    auth = "provider"  # not a JWT: the letter's own signed token in the query string

    def __init__(self, notify: Notify) -> None:
        self.notify = notify

    @operation(query=LetterStatusQuery, body=LetterStatusReport, source=_letter_status, status=204)
    def on_post(self, req: falcon.Request, query: LetterStatusQuery, body: LetterStatusReport) -> None:
        """DVLA's word on a letter: despatched (delivered) or rejected (a technical failure)."""
        receipts.letter_status(self.notify, token=query.token, job_id=body.job_id, job_status=body.job_status)
