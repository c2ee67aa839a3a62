"""Provider callbacks are only believed from the provider they name: the verifier registered for that name
decides, and a name nobody registered is not a route at all."""

from __future__ import annotations

from notify.domain.errors import ProviderNotFound
from notify.ports.provider_callbacks import ProviderCallback

from .app import Notify


def authenticate_provider_callback(notify: Notify, provider: str, request: ProviderCallback) -> None:
    """Raises ProviderNotFound (404) for a provider with no verifier, else whatever its verifier raises."""
    verifier = notify.provider_callback_verifiers.get(provider)
    if verifier is None:
        raise ProviderNotFound()
    verifier.verify(request)
