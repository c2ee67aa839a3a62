"""The unit of work: one transaction, exposing every repository. Leaving without commit() rolls back."""

from __future__ import annotations

from typing import Protocol, Self

from .repositories import (
    ApiKeyRepository,
    CallbackApiRepository,
    CounterRepository,
    EmailBrandingRepository,
    EmailReplyToRepository,
    GuestListRepository,
    InboundSmsRepository,
    JobRepository,
    LetterContactRepository,
    LetterBrandingRepository,
    NotificationRepository,
    OrganisationRepository,
    OrganisationUserRepository,
    ProviderRepository,
    ServiceRepository,
    ServiceUserRepository,
    SmsSenderRepository,
    TemplateRepository,
    UserRepository,
)


class UnitOfWork(Protocol):
    services: ServiceRepository
    guest_list: GuestListRepository
    service_users: ServiceUserRepository
    users: UserRepository
    organisations: OrganisationRepository
    organisation_users: OrganisationUserRepository
    templates: TemplateRepository
    api_keys: ApiKeyRepository
    notifications: NotificationRepository
    jobs: JobRepository
    providers: ProviderRepository
    email_branding: EmailBrandingRepository
    letter_branding: LetterBrandingRepository
    callback_apis: CallbackApiRepository
    sms_senders: SmsSenderRepository
    email_reply_to: EmailReplyToRepository
    inbound_sms: InboundSmsRepository
    counters: CounterRepository
    letter_contacts: LetterContactRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
