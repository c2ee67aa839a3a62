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
from .complaints import ComplaintRepository
from .retries import RetryRepository


class UnitOfWork(Protocol):
    """The repositories are read-only members: an adapter may build them lazily (a cached property)."""

    @property
    def services(self) -> ServiceRepository: ...
    @property
    def guest_list(self) -> GuestListRepository: ...
    @property
    def service_users(self) -> ServiceUserRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def organisations(self) -> OrganisationRepository: ...
    @property
    def organisation_users(self) -> OrganisationUserRepository: ...
    @property
    def templates(self) -> TemplateRepository: ...
    @property
    def api_keys(self) -> ApiKeyRepository: ...
    @property
    def notifications(self) -> NotificationRepository: ...
    @property
    def jobs(self) -> JobRepository: ...
    @property
    def providers(self) -> ProviderRepository: ...
    @property
    def email_branding(self) -> EmailBrandingRepository: ...
    @property
    def letter_branding(self) -> LetterBrandingRepository: ...
    @property
    def callback_apis(self) -> CallbackApiRepository: ...
    @property
    def sms_senders(self) -> SmsSenderRepository: ...
    @property
    def email_reply_to(self) -> EmailReplyToRepository: ...
    @property
    def inbound_sms(self) -> InboundSmsRepository: ...
    @property
    def counters(self) -> CounterRepository: ...
    @property
    def letter_contacts(self) -> LetterContactRepository: ...
    @property
    def retries(self) -> RetryRepository: ...
    @property
    def complaints(self) -> ComplaintRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
