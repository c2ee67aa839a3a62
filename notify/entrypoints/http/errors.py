"""Domain errors to HTTP, in one table. Two wire formats, as Notify: the public v2 envelope
`{"status_code", "errors": [{"error", "message"}]}` and the admin body `{"result": "error", "message"}`."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import falcon

from notify.domain import errors
from notify.domain.job import InvalidFile
from notify.domain.letter import PdfNotReady
from notify.domain.recipients import InvalidPhoneNumber

log = logging.getLogger("notify.http")
RETRY_AFTER_SECONDS = "1"  # sent with every 503
# A 5xx body says only this much: the cause (a database URL, a driver's message, an exception class) goes to the
# log under an error id, and the body carries that id so a caller's report can be matched to the log line.
SERVER_ERROR_MESSAGES = {500: "Internal server error", 503: "Service temporarily unavailable: please try again"}
SERVER_ERROR_LABELS = {500: "InternalServerError", 503: "ServiceUnavailableError"}

# exception family -> (status, v2 error label). Falcon picks the most specific class (MRO).
ERRORS: dict[type[Exception], tuple[int, str]] = {
    errors.NotFound: (404, "NoResultFound"),
    errors.InvalidRequest: (400, "BadRequestError"),
    errors.ValidationFailed: (400, "ValidationError"),
    errors.AlreadyExists: (400, "BadRequestError"),
    errors.ReplyToAlreadyInUse: (409, "BadRequestError"),  # Notify's status for this one clash
    errors.ConcurrentUpdate: (409, "ConflictError"),
    errors.Forbidden: (403, "BadRequestError"),
    errors.AuthenticationFailed: (403, "AuthError"),
    errors.MissingCredentials: (401, "AuthError"),
    errors.RateLimitExceeded: (429, "RateLimitError"),
    errors.DailyLimitExceeded: (429, "TooManyRequestsError"),
    errors.StoreUnavailable: (503, "ServiceUnavailableError"),
    errors.InvalidStatusTransition: (400, "BadRequestError"),
    InvalidPhoneNumber: (400, "InvalidPhoneError"),
    PdfNotReady: (400, "PDFNotReadyError"),
}


# Routes Notify answers in the public API's error envelope although they are not under /v2/.
PUBLIC_SHAPED_PATHS = frozenset({"/notifications/letter/status"})


def is_public(req: falcon.Request) -> bool:
    return req.path.startswith("/v2/") or req.path in PUBLIC_SHAPED_PATHS


def envelope(status: int, label: str, message: str) -> dict[str, Any]:
    return {"status_code": status, "errors": [{"error": label, "message": message}]}


def admin_body(message: Any) -> dict[str, Any]:
    return {"result": "error", "message": message}


def body_for(req: falcon.Request, exc: errors.NotifyError, status: int, label: str) -> dict[str, Any]:
    if is_public(req):
        if isinstance(exc, errors.ValidationFailed):
            return {"status_code": status, "errors": [
                {"error": label, "message": f"{field} {message}" if field else message}
                for field, messages in exc.errors.items() for message in messages]}
        return envelope(status, label, exc.message)
    if isinstance(exc, errors.AuthenticationFailed):
        return admin_body({"token": [exc.message]})
    if isinstance(exc, errors.ValidationFailed):
        # Problems with the request as a whole (no field) are a list, as Notify's provider callbacks answer.
        return admin_body(exc.errors[""] if list(exc.errors) == [""] else exc.errors)
    if isinstance(exc, InvalidFile):
        return {**admin_body(exc.message),
                "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in exc.errors]}
    if exc.field:
        return admin_body({exc.field: [exc.message]})
    return admin_body(exc.message)


def server_error(req: falcon.Request, resp: falcon.Response, status: int, exc: BaseException) -> None:
    """A 5xx whose body names nothing inside: the detail is logged under a fresh error id, the body gives the id."""
    error_id = secrets.token_hex(8)
    log.error("error %s: %s %s answered %d: %s: %s", error_id, req.method, req.path, status,
              type(exc).__name__, exc, exc_info=status == 500)
    message = f"{SERVER_ERROR_MESSAGES[status]} (error id {error_id})"
    label = SERVER_ERROR_LABELS[status]
    resp.status = status
    resp.media = {**(envelope(status, label, message) if is_public(req) else admin_body(message)),
                  "error_id": error_id}
    if status == 503:  # the store is away (a restart, a failover): the same request may be sent again
        resp.set_header("Retry-After", RETRY_AFTER_SECONDS)


def _handler(status: int, label: str) -> Any:
    def handle(req: falcon.Request, resp: falcon.Response, exc: errors.NotifyError, params: Any) -> None:
        if status >= 500:
            server_error(req, resp, status, exc)
            return
        resp.status = status
        resp.media = body_for(req, exc, status, label)

    return handle


def _falcon_error(req: falcon.Request, resp: falcon.Response, exc: falcon.HTTPError, params: Any) -> None:
    """Falcon's own errors (unknown route, bad method, unreadable JSON) in Notify's shapes."""
    status = exc.status_code
    if isinstance(exc, falcon.MediaMalformedError | falcon.MediaNotFoundError):
        message = "Invalid JSON supplied in POST data"
        resp.media = envelope(400, "BadRequestError", message) if is_public(req) else admin_body(message)
    elif status in (404, 405) and is_public(req):  # Notify's clients read only the v2 envelope here
        resp.media = envelope(status, "NoResultFound" if status == 404 else "MethodNotAllowed",
                              "The requested URL was not found on the server." if status == 404
                              else "The method is not allowed for the requested URL.")
    elif status == 404:
        resp.media = admin_body("The requested URL was not found on the server. If you entered the URL "
                                "manually please check your spelling and try again.")
    elif status == 405:
        resp.media = admin_body("The method is not allowed for the requested URL.")
    else:
        message = exc.description or exc.title or "Bad request"
        resp.media = envelope(status, exc.title or "Error", message) if is_public(req) else admin_body(message)
    resp.status = status
    for name, value in dict(exc.headers or {}).items():
        resp.set_header(name, value)


def _internal_error(req: falcon.Request, resp: falcon.Response, exc: Exception, params: Any) -> None:
    if isinstance(exc, falcon.HTTPError):
        _falcon_error(req, resp, exc, params)
        return
    server_error(req, resp, 500, exc)


def install(app: falcon.App[falcon.Request, falcon.Response]) -> None:
    app.add_error_handler(Exception, _internal_error)
    app.add_error_handler(falcon.HTTPError, _falcon_error)
    for exc_type, (status, label) in ERRORS.items():
        app.add_error_handler(exc_type, _handler(status, label))
