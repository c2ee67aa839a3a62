"""The in-memory unit of work: serialised by the store's lock, rolled back with the session's undo log."""

from __future__ import annotations

from typing import Self

from ..lazy import repository
from .repositories import (
    InMemoryApiKeyRepository,
    InMemoryCallbackApiRepository,
    InMemoryCounterRepository,
    InMemoryEmailBrandingRepository,
    InMemoryEmailReplyToRepository,
    InMemoryGuestListRepository,
    InMemoryInboundSmsRepository,
    InMemoryJobRepository,
    InMemoryLetterContactRepository,
    InMemoryLetterBrandingRepository,
    InMemoryNotificationRepository,
    InMemoryOrganisationRepository,
    InMemoryOrganisationUserRepository,
    InMemoryProviderRepository,
    InMemoryServiceRepository,
    InMemoryServiceUserRepository,
    InMemorySmsSenderRepository,
    InMemoryTemplateRepository,
    InMemoryUserRepository,
)
from .repositories.annual_billing import InMemoryAnnualBillingRepository
from .repositories.complaints import InMemoryComplaintRepository
from .repositories.template_folders import InMemoryTemplateFolderRepository
from .repositories.contact_lists import InMemoryContactListRepository
from .repositories.report_requests import InMemoryReportRequestRepository
from .repositories.template_email_files import InMemoryTemplateEmailFileRepository
from .repositories.data_retention import InMemoryDataRetentionRepository
from .repositories.inbound_numbers import InMemoryInboundNumberRepository
from .repositories.returned_letters import InMemoryReturnedLetterRepository
from .repositories.letter_attachments import InMemoryLetterAttachmentRepository
from .repositories.notification_history import InMemoryNotificationHistoryRepository
from .repositories.facts import InMemoryFactRepository
from .repositories.verify_codes import InMemoryVerifyCodeRepository
from .repositories.invites import (
    InMemoryInvitedOrganisationUserRepository, InMemoryInvitedUserRepository, InMemoryServiceJoinRequestRepository,
)
from .repositories.retries import InMemoryRetryRepository
from .repositories.unsubscribe import InMemoryUnsubscribeRequestReportRepository, InMemoryUnsubscribeRequestRepository
from .repositories.webauthn import InMemoryWebauthnCredentialRepository
from .repositories.branding_pools import InMemoryBrandingPoolRepository
from .repositories.events import InMemoryEventRepository, InMemoryProtectedSenderIdRepository
from .session import InMemorySession
from .store import InMemoryStore


class InMemoryUnitOfWork:
    services = repository(InMemoryServiceRepository)
    guest_list = repository(InMemoryGuestListRepository)
    service_users = repository(InMemoryServiceUserRepository)
    users = repository(InMemoryUserRepository)
    organisations = repository(InMemoryOrganisationRepository)
    organisation_users = repository(InMemoryOrganisationUserRepository)
    templates = repository(InMemoryTemplateRepository)
    api_keys = repository(InMemoryApiKeyRepository)
    notifications = repository(InMemoryNotificationRepository)
    notification_history = repository(InMemoryNotificationHistoryRepository)
    jobs = repository(InMemoryJobRepository)
    providers = repository(InMemoryProviderRepository)
    email_branding = repository(InMemoryEmailBrandingRepository)
    letter_branding = repository(InMemoryLetterBrandingRepository)
    callback_apis = repository(InMemoryCallbackApiRepository)
    sms_senders = repository(InMemorySmsSenderRepository)
    email_reply_to = repository(InMemoryEmailReplyToRepository)
    inbound_sms = repository(InMemoryInboundSmsRepository)
    counters = repository(InMemoryCounterRepository)
    letter_contacts = repository(InMemoryLetterContactRepository)
    retries = repository(InMemoryRetryRepository)
    complaints = repository(InMemoryComplaintRepository)
    data_retention = repository(InMemoryDataRetentionRepository)
    inbound_numbers = repository(InMemoryInboundNumberRepository)
    returned_letters = repository(InMemoryReturnedLetterRepository)
    letter_attachments = repository(InMemoryLetterAttachmentRepository)
    facts = repository(InMemoryFactRepository)
    annual_billing = repository(InMemoryAnnualBillingRepository)
    verify_codes = repository(InMemoryVerifyCodeRepository)
    invited_users = repository(InMemoryInvitedUserRepository)
    invited_organisation_users = repository(InMemoryInvitedOrganisationUserRepository)
    service_join_requests = repository(InMemoryServiceJoinRequestRepository)
    template_folders = repository(InMemoryTemplateFolderRepository)
    contact_lists = repository(InMemoryContactListRepository)
    report_requests = repository(InMemoryReportRequestRepository)
    template_email_files = repository(InMemoryTemplateEmailFileRepository)
    unsubscribe_requests = repository(InMemoryUnsubscribeRequestRepository)
    unsubscribe_request_reports = repository(InMemoryUnsubscribeRequestReportRepository)
    webauthn_credentials = repository(InMemoryWebauthnCredentialRepository)
    branding_pools = repository(InMemoryBrandingPoolRepository)
    events = repository(InMemoryEventRepository)
    protected_sender_ids = repository(InMemoryProtectedSenderIdRepository)

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.session = InMemorySession(store)

    def __enter__(self) -> Self:
        self._store.lock.acquire()
        self.session.keep()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.session.rollback()
        finally:
            self._store.lock.release()

    def commit(self) -> None:
        self.session.keep()
