"""The SQL unit of work: one connection and one transaction per `with`; commit() is explicit and anything
not committed is rolled back on leaving. The repositories see only the session (connection, dialect strategy,
cipher), never the transaction."""

from __future__ import annotations

from typing import Self

import sqlalchemy as sa

from .crypto import Cipher
from .dialects import dialect_for
from ..lazy import repository
from .repositories import (
    SqlAlchemyApiKeyRepository,
    SqlAlchemyCallbackApiRepository,
    SqlAlchemyCounterRepository,
    SqlAlchemyEmailBrandingRepository,
    SqlAlchemyEmailReplyToRepository,
    SqlAlchemyGuestListRepository,
    SqlAlchemyInboundSmsRepository,
    SqlAlchemyJobRepository,
    SqlAlchemyLetterContactRepository,
    SqlAlchemyLetterBrandingRepository,
    SqlAlchemyNotificationRepository,
    SqlAlchemyOrganisationRepository,
    SqlAlchemyOrganisationUserRepository,
    SqlAlchemyProviderRepository,
    SqlAlchemyServiceRepository,
    SqlAlchemyServiceUserRepository,
    SqlAlchemySmsSenderRepository,
    SqlAlchemyTemplateRepository,
    SqlAlchemyUserRepository,
)
from .repositories.annual_billing import SqlAlchemyAnnualBillingRepository
from .repositories.complaints import SqlAlchemyComplaintRepository
from .repositories.template_folders import SqlAlchemyTemplateFolderRepository
from .repositories.contact_lists import SqlAlchemyContactListRepository
from .repositories.report_requests import SqlAlchemyReportRequestRepository
from .repositories.template_email_files import SqlAlchemyTemplateEmailFileRepository
from .repositories.data_retention import SqlAlchemyDataRetentionRepository
from .repositories.inbound_numbers import SqlAlchemyInboundNumberRepository
from .repositories.returned_letters import SqlAlchemyReturnedLetterRepository
from .repositories.letter_attachments import SqlAlchemyLetterAttachmentRepository
from .repositories.notification_history import SqlAlchemyNotificationHistoryRepository
from .repositories.facts import SqlAlchemyFactRepository
from .repositories.verify_codes import SqlAlchemyVerifyCodeRepository
from .repositories.invites import (
    SqlAlchemyInvitedOrganisationUserRepository, SqlAlchemyInvitedUserRepository, SqlAlchemyServiceJoinRequestRepository,
)
from .repositories.retries import SqlAlchemyRetryRepository
from .repositories.unsubscribe import (
    SqlAlchemyUnsubscribeRequestReportRepository, SqlAlchemyUnsubscribeRequestRepository,
)
from .repositories.webauthn import SqlAlchemyWebauthnCredentialRepository
from .repositories.branding_pools import SqlAlchemyBrandingPoolRepository
from .repositories.events import SqlAlchemyEventRepository, SqlAlchemyProtectedSenderIdRepository
from .session import Session, is_unavailable


class SqlAlchemyUnitOfWork:
    services = repository(SqlAlchemyServiceRepository)
    guest_list = repository(SqlAlchemyGuestListRepository)
    service_users = repository(SqlAlchemyServiceUserRepository)
    users = repository(SqlAlchemyUserRepository)
    organisations = repository(SqlAlchemyOrganisationRepository)
    organisation_users = repository(SqlAlchemyOrganisationUserRepository)
    templates = repository(SqlAlchemyTemplateRepository)
    api_keys = repository(SqlAlchemyApiKeyRepository)
    notifications = repository(SqlAlchemyNotificationRepository)
    notification_history = repository(SqlAlchemyNotificationHistoryRepository)
    jobs = repository(SqlAlchemyJobRepository)
    providers = repository(SqlAlchemyProviderRepository)
    email_branding = repository(SqlAlchemyEmailBrandingRepository)
    letter_branding = repository(SqlAlchemyLetterBrandingRepository)
    callback_apis = repository(SqlAlchemyCallbackApiRepository)
    sms_senders = repository(SqlAlchemySmsSenderRepository)
    email_reply_to = repository(SqlAlchemyEmailReplyToRepository)
    inbound_sms = repository(SqlAlchemyInboundSmsRepository)
    counters = repository(SqlAlchemyCounterRepository)
    letter_contacts = repository(SqlAlchemyLetterContactRepository)
    retries = repository(SqlAlchemyRetryRepository)
    complaints = repository(SqlAlchemyComplaintRepository)
    data_retention = repository(SqlAlchemyDataRetentionRepository)
    inbound_numbers = repository(SqlAlchemyInboundNumberRepository)
    returned_letters = repository(SqlAlchemyReturnedLetterRepository)
    letter_attachments = repository(SqlAlchemyLetterAttachmentRepository)
    facts = repository(SqlAlchemyFactRepository)
    annual_billing = repository(SqlAlchemyAnnualBillingRepository)
    verify_codes = repository(SqlAlchemyVerifyCodeRepository)
    invited_users = repository(SqlAlchemyInvitedUserRepository)
    invited_organisation_users = repository(SqlAlchemyInvitedOrganisationUserRepository)
    service_join_requests = repository(SqlAlchemyServiceJoinRequestRepository)
    template_folders = repository(SqlAlchemyTemplateFolderRepository)
    contact_lists = repository(SqlAlchemyContactListRepository)
    report_requests = repository(SqlAlchemyReportRequestRepository)
    template_email_files = repository(SqlAlchemyTemplateEmailFileRepository)
    unsubscribe_requests = repository(SqlAlchemyUnsubscribeRequestRepository)
    unsubscribe_request_reports = repository(SqlAlchemyUnsubscribeRequestReportRepository)
    webauthn_credentials = repository(SqlAlchemyWebauthnCredentialRepository)
    branding_pools = repository(SqlAlchemyBrandingPoolRepository)
    events = repository(SqlAlchemyEventRepository)
    protected_sender_ids = repository(SqlAlchemyProtectedSenderIdRepository)

    def __init__(self, engine: sa.Engine, cipher: Cipher) -> None:
        self.engine = engine
        self.session = Session(engine, cipher, dialect_for(engine))
        self._connection: sa.Connection | None = None
        self._transaction: sa.RootTransaction | None = None

    def __enter__(self) -> Self:
        try:
            self._connection = self.engine.connect()
            self._transaction = self._connection.begin()
        except sa.exc.DBAPIError as exc:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
            raise self.session.unavailable(exc) from None
        self.session.bind(self._connection)
        return self

    def __exit__(self, *exc: object) -> None:
        connection, self._connection = self._connection, None
        self.session.bind(None)
        if connection is None:
            return
        try:
            if self._transaction is not None and self._transaction.is_active:
                self._transaction.rollback()
        except sa.exc.DBAPIError:
            pass  # the connection is gone; the server rolls back on its own
        finally:
            self._transaction = None
            connection.close()

    def commit(self) -> None:
        if self._transaction is None or self._connection is None:
            raise RuntimeError("commit() outside `with uow:`")
        try:
            self._transaction.commit()
        except sa.exc.IntegrityError as exc:
            raise self.session.integrity_error(exc, "record") from None
        except sa.exc.DBAPIError as exc:
            if not is_unavailable(exc):
                raise
            raise self.session.unavailable(exc) from None
        self._transaction = self._connection.begin()  # later writes need another commit(), as in memory
