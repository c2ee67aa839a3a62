"""SQL repositories over SQLAlchemy Core, one module per aggregate, each built on a `Session`."""

from .api_keys import SqlAlchemyApiKeyRepository
from .branding import SqlAlchemyEmailBrandingRepository, SqlAlchemyLetterBrandingRepository
from .callback_apis import SqlAlchemyCallbackApiRepository
from .counters import SqlAlchemyCounterRepository
from .inbound_sms import SqlAlchemyInboundSmsRepository
from .jobs import SqlAlchemyJobRepository
from .letter_contacts import SqlAlchemyLetterContactRepository
from .notifications import SqlAlchemyNotificationRepository
from .organisations import SqlAlchemyOrganisationRepository, SqlAlchemyOrganisationUserRepository
from .providers import SqlAlchemyProviderRepository
from .senders import SqlAlchemyEmailReplyToRepository, SqlAlchemySmsSenderRepository
from .services import SqlAlchemyGuestListRepository, SqlAlchemyServiceRepository, SqlAlchemyServiceUserRepository
from .templates import SqlAlchemyTemplateRepository
from .users import SqlAlchemyUserRepository

__all__ = [
    "SqlAlchemyApiKeyRepository",
    "SqlAlchemyCallbackApiRepository",
    "SqlAlchemyCounterRepository",
    "SqlAlchemyEmailBrandingRepository",
    "SqlAlchemyEmailReplyToRepository",
    "SqlAlchemyGuestListRepository",
    "SqlAlchemyInboundSmsRepository",
    "SqlAlchemyJobRepository",
    "SqlAlchemyLetterBrandingRepository",
    "SqlAlchemyLetterContactRepository",
    "SqlAlchemyNotificationRepository",
    "SqlAlchemyOrganisationRepository",
    "SqlAlchemyOrganisationUserRepository",
    "SqlAlchemyProviderRepository",
    "SqlAlchemyServiceRepository",
    "SqlAlchemyServiceUserRepository",
    "SqlAlchemySmsSenderRepository",
    "SqlAlchemyTemplateRepository",
    "SqlAlchemyUserRepository",
]
