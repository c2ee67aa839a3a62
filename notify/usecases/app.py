"""`Notify`: the ports the use cases run on, assembled once by the composition root."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from attrs import field, frozen

from notify.domain.callback_api import CallbackRetry
from notify.domain.limits import Admission
from notify.ports.admissions import Admissions
from notify.ports.callbacks import CallbackSender
from notify.ports.fair_share import FairShare
from notify.ports.provider_callbacks import ProviderCallbackVerifier
from notify.ports.provider_webhooks import ProviderWebhooks
from notify.ports.providers import EmailProvider, LetterProvider, SmsProvider
from notify.ports.jobs import JobQueue
from notify.ports.letters import LetterPdfs
from notify.ports.queue import DeliveryQueue
from notify.ports.system import Clock, IdGenerator, PasswordHasher, SecretGenerator
from notify.ports.tasks import TaskRunner
from notify.ports.tokens import TokenVerifier
from notify.ports.unit_of_work import UnitOfWork
from notify.ports.uploads import UploadStore
from notify.ports.webauthn import WebauthnVerifier
from notify.ports.used_tokens import UsedTokens

from .admission import TransactionPerSend
from .cache import ReadCache
from .provider_health import ProviderHealth
from .send_pool import SendPool
from .retry_policy import RetryPolicy


DEFAULT_PUBLIC_URL = "http://localhost:6011"  # `notify serve`'s own address, unless NOTIFY_PUBLIC_URL says


@frozen(kw_only=True)
class Notify:
    """Frozen, so a test swaps one collaborator with `attrs.evolve(notify, clock=FrozenClock(t0))`."""

    uow: Callable[[], UnitOfWork]  # a fresh unit of work per use-case call (thread-safe under waitress)
    clock: Clock
    ids: IdGenerator
    secrets: SecretGenerator
    passwords: PasswordHasher
    tokens: TokenVerifier
    admin_client_id: str = "notify-admin"
    admin_client_secrets: Sequence[str] = ()
    public_url: str | None = None  # this API's public base URL, for links in emails (see `base_url`)
    webauthn: WebauthnVerifier | None = None  # security keys' registration and sign-in checks
    bulk_uow: Callable[[], UnitOfWork] | None = None  # read replica for heavy reads, when configured
    # Sending: the delivery queue (None: notifications wait in `created` for a sweep), the provider
    # adapters by channel (chosen by ProviderDetails priority), and the hot path's 2 s read cache.
    queue: DeliveryQueue | None = None
    sms_providers: Sequence[SmsProvider] = ()
    email_providers: Sequence[EmailProvider] = ()
    letter_providers: Sequence[LetterProvider] = ()
    cache: ReadCache = field(factory=ReadCache)
    # Where checked sends are counted and stored (None: one transaction each, on `uow`; the composition root
    # gives one that groups concurrent sends).
    admissions: Admissions | None = None
    retry_policy: RetryPolicy = field(factory=RetryPolicy)  # when every provider fails
    # Jobs: where uploaded spreadsheets wait, and who runs a job once it is pending (None: the
    # scheduler tick picks pending jobs up).
    uploads: UploadStore | None = None
    job_queue: JobQueue | None = None
    # Service callbacks (delivery-status receipts, usecases.status_callbacks): the sender (None: no callbacks
    # are sent), the runner posting them off the caller's thread (None: on it, for tests), Notify's retry rule.
    callbacks: CallbackSender | None = None
    callback_runner: TaskRunner | None = None
    callback_retry: CallbackRetry = field(factory=CallbackRetry)
    report_runner: TaskRunner | None = None  # where background reports are made (None: on the caller's thread)
    # Providers' callbacks (delivery receipts, inbound texts) by provider name: who may report for that provider.
    # A provider with no verifier has no callback route (404).
    provider_callback_verifiers: Mapping[str, ProviderCallbackVerifier] = field(factory=dict)
    # Token ids (JWT jti) seen, so a token that carries one is accepted once (None: no replay check).
    used_tokens: UsedTokens | None = None
    # Real providers: what this process learned of their health (failover), and their signed callbacks
    # (delivery receipts, inbound texts, complaints) by provider name (/provider-callbacks/<name>).
    provider_health: ProviderHealth = field(factory=ProviderHealth)
    provider_webhooks: Mapping[str, ProviderWebhooks] = field(factory=dict)
    # Called after stored provider credentials changed: the adapters' lookup reads them again at once.
    credentials_changed: Callable[[], None] = lambda: None
    send_pool: SendPool | None = None  # hand-overs of a batch in parallel (None: one after another)
    # Letters and files sent by email: the PDF library (None: the `letters` extra is not installed; template
    # letters then have no PDF and precompiled ones are refused), where letter PDFs and emailed files wait.
    letter_pdfs: LetterPdfs | None = None
    letter_store: UploadStore | None = None
    documents: UploadStore | None = None
    # Requests before background work in this process (None: no pauses; background work runs elsewhere).
    fair_share: FairShare | None = None

    def base_url(self) -> str:
        """Where links in emails point (sign-in, password reset, invitations, unsubscribe): the configured
        public address, else `notify serve`'s default one."""
        return (self.public_url or DEFAULT_PUBLIC_URL).rstrip("/")

    def read_uow(self) -> UnitOfWork:
        """A unit of work for heavy read-only queries: the replica when there is one."""
        return (self.bulk_uow or self.uow)()

    def admit(self, admission: Admission) -> None:
        """Count and store a checked send, or raise its refusal (ports.admissions)."""
        (self.admissions or TransactionPerSend(self.uow)).admit(admission)

    def make_way(self) -> None:
        """Background work's checkpoint between small steps: pauses while requests are in flight here."""
        if self.fair_share is not None:
            self.fair_share.make_way()
