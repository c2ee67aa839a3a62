"""Credentials an operator stores for a real provider, beside its ProviderDetails (encrypted at rest, never
shown: only which fields are set). Each one stored wins over the environment variable for the same field.

What each provider takes (its ProviderDetails identifier):
  smtp         url (smtp[s]://...), user, password (user and password replace those in the URL)
  ses          access_key_id, secret_access_key
  twilio       account_sid, auth_token
  sms-gateway  url, token, secret
"""

from __future__ import annotations

from collections.abc import Mapping

from . import errors

CREDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    "smtp": ("url", "user", "password"),
    "ses": ("access_key_id", "secret_access_key"),
    "twilio": ("account_sid", "auth_token"),
    "sms-gateway": ("url", "token", "secret"),
}
MAX_LENGTH = 2000


def changed_credentials(identifier: str, stored: Mapping[str, str],
                        changes: Mapping[str, str | None]) -> dict[str, str]:
    """`stored` with `changes` applied (a field set to None is removed). ValidationFailed, naming fields and
    never repeating a value, for a provider that takes no credentials, an unknown field or an unusable value."""
    accepted = CREDENTIAL_FIELDS.get(identifier)
    if accepted is None:
        raise errors.ValidationFailed({"credentials": [f"{identifier} takes no credentials"]})
    problems: dict[str, list[str]] = {}
    for name, value in changes.items():
        if name not in accepted:
            problems[f"credentials.{name}"] = [f"Not a credential of {identifier} (one of {', '.join(accepted)})"]
        elif value is not None and (not isinstance(value, str) or not value.strip()):
            problems[f"credentials.{name}"] = ["Must be a non-empty string, or null to remove it"]
        elif value is not None and len(value) > MAX_LENGTH:
            problems[f"credentials.{name}"] = [f"Must be at most {MAX_LENGTH} characters"]
    if problems:
        raise errors.ValidationFailed(problems)
    result = dict(stored)
    for name, value in changes.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value.strip()
    return result
