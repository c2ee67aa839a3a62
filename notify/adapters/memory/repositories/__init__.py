"""In-memory repositories, one module per aggregate, each built on an `InMemorySession`."""

from .api_keys import InMemoryApiKeyRepository
from .branding import InMemoryEmailBrandingRepository, InMemoryLetterBrandingRepository
from .callback_apis import InMemoryCallbackApiRepository
from .counters import InMemoryCounterRepository
from .inbound_sms import InMemoryInboundSmsRepository
from .jobs import InMemoryJobRepository
from .letter_contacts import InMemoryLetterContactRepository
from .notifications import InMemoryNotificationRepository
from .organisations import InMemoryOrganisationRepository, InMemoryOrganisationUserRepository
from .providers import InMemoryProviderRepository
from .senders import InMemoryEmailReplyToRepository, InMemorySmsSenderRepository
from .services import InMemoryGuestListRepository, InMemoryServiceRepository, InMemoryServiceUserRepository
from .templates import InMemoryTemplateRepository
from .users import InMemoryUserRepository

__all__ = [
    "InMemoryApiKeyRepository",
    "InMemoryCallbackApiRepository",
    "InMemoryCounterRepository",
    "InMemoryEmailBrandingRepository",
    "InMemoryEmailReplyToRepository",
    "InMemoryGuestListRepository",
    "InMemoryInboundSmsRepository",
    "InMemoryJobRepository",
    "InMemoryLetterBrandingRepository",
    "InMemoryLetterContactRepository",
    "InMemoryNotificationRepository",
    "InMemoryOrganisationRepository",
    "InMemoryOrganisationUserRepository",
    "InMemoryProviderRepository",
    "InMemoryServiceRepository",
    "InMemoryServiceUserRepository",
    "InMemorySmsSenderRepository",
    "InMemoryTemplateRepository",
    "InMemoryUserRepository",
]
