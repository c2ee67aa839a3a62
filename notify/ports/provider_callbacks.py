"""How a provider's callback (a delivery receipt, an inbound text) proves it comes from that provider.

Each provider adapter that calls us back has a verifier: a shared token for the fakes, a signature check over
the raw request for real providers. The routes look the verifier up by provider name (usecases.provider_callbacks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from attrs import frozen


@frozen
class ProviderCallback:
    """A provider's callback as it arrived: signatures are computed over these exact bytes and this URL."""

    method: str
    url: str
    headers: Mapping[str, str]  # names in lower case
    body: bytes


class ProviderCallbackVerifier(Protocol):
    def verify(self, request: ProviderCallback) -> None:
        """Return if `request` carries this provider's credentials. Raise MissingCredentials (401) when it
        carries none, AuthenticationFailed (403) when they are wrong."""
        ...
