"""In-memory repositories. Each behaves exactly as the SQL ones do: the contract suite runs both."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from attrs import evolve

from notify.domain import errors
from notify.domain.api_key import ApiKey
from notify.domain.branding import EmailBranding, LetterBranding
from notify.domain.callback_api import ServiceCallbackApi
from notify.domain.constants import JobStatus, KeyType, NotificationStatus, NotificationType
from notify.domain.inbound_sms import InboundSms
from notify.domain.job import Job
from notify.domain.notification import Handover, Notification, StatusChange
from notify.domain.organisation import Organisation, OrganisationUser
from notify.domain.provider import ProviderDetails
from notify.domain.sender import ServiceEmailReplyTo, ServiceSmsSender
from notify.domain.service import GuestListEntry, Service, ServiceUser
from notify.domain.statistics import Period, StatusCount
from notify.domain.template import Template
from notify.domain.user import User

if TYPE_CHECKING:
    from .unit_of_work import InMemoryUnitOfWork


class _Repo:
    table_name: str
    not_found: type[errors.NotFound] = errors.NotFound

    def __init__(self, uow: InMemoryUnitOfWork) -> None:
        self._uow = uow

    @property
    def _rows(self) -> dict[Any, Any]:
        return self._uow.table(self.table_name)

    def _get(self, key: Any) -> Any:
        try:
            return self._rows[key]
        except KeyError:
            raise self.not_found() from None

    def _insert(self, key: Any, value: Any, unique: Callable[[Any], bool] | None = None,
                what: str = "record") -> None:
        if key in self._rows:
            raise errors.AlreadyExists(f"{what} {key} already exists")
        if unique is not None and any(unique(row) for row in self._rows.values()):
            raise errors.AlreadyExists(f"{what} already exists")
        self._uow.put(self.table_name, key, value)

    def _replace(self, key: Any, value: Any, unique: Callable[[Any], bool] | None = None) -> None:
        if key not in self._rows:
            raise self.not_found()
        if unique is not None and any(unique(row) for k, row in self._rows.items() if k != key):
            raise errors.AlreadyExists("record already exists")
        self._uow.put(self.table_name, key, value)


class _Versioned(_Repo):
    """Current rows in `table_name`, every version in `table_name + '_history'` keyed (id, version)."""

    def _history_put(self, obj: Any) -> None:
        self._uow.put(self.table_name + "_history", (obj.id, obj.version), obj)

    def _add_versioned(self, obj: Any, unique: Callable[[Any], bool] | None = None, what: str = "record") -> None:
        self._insert(obj.id, obj, unique, what)
        self._history_put(obj)

    def _update_versioned(self, obj: Any, unique: Callable[[Any], bool] | None = None) -> None:
        current = self._get(obj.id)
        if obj.version != current.version + 1:
            raise errors.ConcurrentUpdate()
        self._replace(obj.id, obj, unique)
        self._history_put(obj)

    def _versions_of(self, predicate: Callable[[Any], bool]) -> list[Any]:
        return [row for row in self._uow.table(self.table_name + "_history").values() if predicate(row)]


class InMemoryServiceRepository(_Versioned):
    table_name = "services"
    not_found = errors.ServiceNotFound

    def add(self, service: Service) -> None:
        self._add_versioned(service, lambda s: s.name == service.name, "service")

    def update(self, service: Service) -> None:
        self._update_versioned(service, lambda s: s.name == service.name)

    def get(self, service_id: UUID) -> Service:
        return self._get(service_id)

    def find_by_name(self, name: str) -> Service | None:
        wanted = name.lower()
        return next((s for s in self._rows.values() if s.name.lower() == wanted), None)

    def list(self, *, only_active: bool = False, user_id: UUID | None = None) -> Sequence[Service]:
        rows: Iterable[Service] = self._rows.values()
        if only_active:
            rows = (s for s in rows if s.active)
        if user_id is not None:
            member_of = {m.service_id for m in self._uow.table("service_users").values() if m.user_id == user_id}
            rows = (s for s in rows if s.id in member_of)
        return sorted(rows, key=lambda s: (s.created_at, s.id))

    def search_by_name(self, fragment: str) -> Sequence[Service]:
        wanted = fragment.lower()
        return sorted((s for s in self._rows.values() if wanted in s.name.lower()), key=lambda s: s.name)

    def history(self, service_id: UUID) -> Sequence[Service]:
        return sorted(self._versions_of(lambda s: s.id == service_id), key=lambda s: s.version)

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[Service]:
        return sorted((s for s in self._rows.values() if s.organisation_id == organisation_id),
                      key=lambda s: (s.name, s.id))


class InMemoryGuestListRepository(_Repo):
    table_name = "guest_list"

    def replace(self, service_id: UUID, entries: Sequence[GuestListEntry]) -> None:
        self._uow.put(self.table_name, service_id, tuple(entries))

    def list_for_service(self, service_id: UUID) -> Sequence[GuestListEntry]:
        return list(self._rows.get(service_id, ()))


class InMemoryServiceUserRepository(_Repo):
    table_name = "service_users"

    def add(self, member: ServiceUser) -> None:
        self._insert((member.service_id, member.user_id), member, what="service user")

    def update(self, member: ServiceUser) -> None:
        self._replace((member.service_id, member.user_id), member)

    def remove(self, service_id: UUID, user_id: UUID) -> None:
        if (service_id, user_id) not in self._rows:
            raise errors.UserNotFound("User not found")
        self._uow.delete(self.table_name, (service_id, user_id))

    def find(self, service_id: UUID, user_id: UUID) -> ServiceUser | None:
        return self._rows.get((service_id, user_id))

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceUser]:
        return sorted((m for m in self._rows.values() if m.service_id == service_id), key=_member_order)

    def list_for_user(self, user_id: UUID) -> Sequence[ServiceUser]:
        return sorted((m for m in self._rows.values() if m.user_id == user_id), key=_member_order)


def _member_order(member: ServiceUser) -> tuple[str, str]:
    return (str(member.service_id), str(member.user_id))


class InMemoryUserRepository(_Repo):
    table_name = "users"
    not_found = errors.UserNotFound

    def add(self, user: User) -> None:
        self._insert(user.id, user, lambda u: u.email_address.lower() == user.email_address.lower(), "user")

    def update(self, user: User) -> None:
        self._replace(user.id, user, lambda u: u.email_address.lower() == user.email_address.lower())

    def get(self, user_id: UUID) -> User:
        return self._get(user_id)

    def find_by_email(self, email_address: str) -> User | None:
        wanted = email_address.lower()
        return next((u for u in self._rows.values() if u.email_address.lower() == wanted), None)

    def list(self, user_ids: Sequence[UUID] | None = None) -> Sequence[User]:
        rows: Iterable[User] = self._rows.values()
        if user_ids is not None:
            wanted = set(user_ids)
            rows = (u for u in rows if u.id in wanted)
        return sorted(rows, key=lambda u: (u.created_at, u.id))


class InMemoryOrganisationRepository(_Repo):
    table_name = "organisations"
    not_found = errors.OrganisationNotFound

    def add(self, organisation: Organisation) -> None:
        self._insert(organisation.id, organisation, self._clash(organisation), "organisation")

    def update(self, organisation: Organisation) -> None:
        self._replace(organisation.id, organisation, self._clash(organisation))

    @staticmethod
    def _clash(organisation: Organisation) -> Callable[[Organisation], bool]:
        """Same name whatever its case, or a domain another organisation already has (SQL: domain is a key)."""
        return lambda o: o.name.lower() == organisation.name.lower() or bool(o.domains & organisation.domains)

    def get(self, organisation_id: UUID) -> Organisation:
        return self._get(organisation_id)

    def list(self) -> Sequence[Organisation]:
        return sorted(self._rows.values(), key=lambda o: o.name)


class InMemoryOrganisationUserRepository(_Repo):
    table_name = "organisation_users"

    def add(self, member: OrganisationUser) -> None:
        self._insert((member.organisation_id, member.user_id), member, what="organisation user")

    def update(self, member: OrganisationUser) -> None:
        if (member.organisation_id, member.user_id) not in self._rows:
            raise errors.UserNotFound("User not found")
        self._uow.put(self.table_name, (member.organisation_id, member.user_id), member)

    def remove(self, organisation_id: UUID, user_id: UUID) -> None:
        if (organisation_id, user_id) not in self._rows:
            raise errors.UserNotFound("User not found")
        self._uow.delete(self.table_name, (organisation_id, user_id))

    def find(self, organisation_id: UUID, user_id: UUID) -> OrganisationUser | None:
        return self._rows.get((organisation_id, user_id))

    def list_for_organisation(self, organisation_id: UUID) -> Sequence[OrganisationUser]:
        return sorted((m for m in self._rows.values() if m.organisation_id == organisation_id),
                      key=lambda m: str(m.user_id))

    def list_for_user(self, user_id: UUID) -> Sequence[OrganisationUser]:
        return sorted((m for m in self._rows.values() if m.user_id == user_id),
                      key=lambda m: str(m.organisation_id))


class InMemoryTemplateRepository(_Versioned):
    table_name = "templates"
    not_found = errors.TemplateNotFound

    def add(self, template: Template) -> None:
        self._add_versioned(template, what="template")

    def update(self, template: Template) -> None:
        self._update_versioned(template)

    def get(self, service_id: UUID, template_id: UUID) -> Template:
        template = self._get(template_id)
        if template.service_id != service_id:
            raise self.not_found()
        return template

    def get_version(self, service_id: UUID, template_id: UUID, version: int) -> Template:
        found = self._uow.table("templates_history").get((template_id, version))
        if found is None or found.service_id != service_id:
            raise self.not_found()
        return found

    def versions(self, service_id: UUID, template_id: UUID) -> Sequence[Template]:
        rows = self._versions_of(lambda t: t.id == template_id and t.service_id == service_id)
        return sorted(rows, key=lambda t: t.version, reverse=True)

    def list_for_service(self, service_id: UUID, *, template_type: NotificationType | None = None,
                         include_archived: bool = False) -> Sequence[Template]:
        rows = (
            t for t in self._rows.values()
            if t.service_id == service_id
            and (include_archived or not t.archived)
            and (template_type is None or t.template_type == template_type)
        )
        return sorted(rows, key=lambda t: (t.name, t.template_type, t.id))

    def history_for_service(self, service_id: UUID) -> Sequence[Template]:
        return sorted(self._versions_of(lambda t: t.service_id == service_id),
                      key=lambda t: (t.created_at, str(t.id), t.version))


class InMemoryApiKeyRepository(_Versioned):
    table_name = "api_keys"
    not_found = errors.ApiKeyNotFound

    def _same_live_name(self, key: ApiKey) -> Callable[[ApiKey], bool]:
        return lambda k: (k.service_id == key.service_id and k.name == key.name
                          and not k.revoked and not key.revoked)

    def add(self, key: ApiKey) -> None:
        self._add_versioned(key, self._same_live_name(key), "api key")

    def update(self, key: ApiKey) -> None:
        self._update_versioned(key, self._same_live_name(key))

    def get(self, service_id: UUID, key_id: UUID) -> ApiKey:
        key = self._get(key_id)
        if key.service_id != service_id:
            raise self.not_found()
        return key

    def list_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        return sorted((k for k in self._rows.values() if k.service_id == service_id),
                      key=lambda k: (k.created_at, k.id))

    def history_for_service(self, service_id: UUID) -> Sequence[ApiKey]:
        return sorted(self._versions_of(lambda k: k.service_id == service_id),
                      key=lambda k: (k.created_at, str(k.id), k.version))


_NO_PAGE: Any = object()


def _older_than(rows: Mapping[UUID, Any], older_than: UUID | None, service_id: UUID) -> Any:
    """The created_at that an `older_than` page starts before; None for the first page; _NO_PAGE when the
    anchor is unknown or another service's (an empty page, as the SQL stores answer)."""
    if older_than is None:
        return None
    anchor = rows.get(older_than)
    if anchor is None or anchor.service_id != service_id:
        return _NO_PAGE
    return anchor.created_at


class InMemoryNotificationRepository(_Repo):
    table_name = "notifications"
    not_found = errors.NotificationNotFound

    def add(self, notification: Notification) -> None:
        self._insert(notification.id, notification, what="notification")

    def add_many(self, notifications: Sequence[Notification]) -> None:
        for notification in notifications:
            self.add(notification)

    def add_counted(self, notifications: Sequence[Notification],
                    increments: Sequence[tuple[str, datetime, int]]) -> Sequence[int]:
        self.add_many(notifications)
        return self._uow.counters.increment_many(increments)

    def remove_many(self, notification_ids: Collection[UUID]) -> None:
        for notification_id in notification_ids:
            if notification_id in self._rows:
                self._uow.delete(self.table_name, notification_id)

    def update(self, notification: Notification) -> None:
        self._replace(notification.id, notification)

    def get(self, service_id: UUID, notification_id: UUID) -> Notification:
        found = self._rows.get(notification_id)
        if found is None or found.service_id != service_id:
            raise self.not_found()
        return found

    def find(self, notification_id: UUID) -> Notification | None:
        return self._rows.get(notification_id)

    def list_for_service(
        self,
        service_id: UUID,
        *,
        statuses: Sequence[NotificationStatus] | None = None,
        notification_types: Sequence[NotificationType] | None = None,
        key_type: str | None = None,
        client_reference: str | None = None,
        older_than: UUID | None = None,
        include_jobs: bool = True,
        limit: int = 250,
    ) -> Sequence[Notification]:
        before = _older_than(self._rows, older_than, service_id)
        if before is _NO_PAGE:
            return []
        rows = [
            n for n in self._rows.values()
            if n.service_id == service_id
            and (statuses is None or n.status in statuses)
            and (notification_types is None or n.notification_type in notification_types)
            and (key_type is None or n.key_type == key_type)
            and (client_reference is None or n.client_reference == client_reference)
            and (include_jobs or n.job_id is None)
            and (before is None or n.created_at < before)
        ]
        rows.sort(key=lambda n: (n.created_at, n.id), reverse=True)
        return rows[:limit]

    def status_counts(self, periods: Sequence[Period], *, service_ids: Sequence[UUID] | None = None,
                      include_test_key: bool = False) -> Sequence[StatusCount]:
        wanted = None if service_ids is None else set(service_ids)
        counts: dict[tuple[UUID, str, NotificationType, NotificationStatus], int] = {}
        for n in self._rows.values():
            if wanted is not None and n.service_id not in wanted:
                continue
            if not include_test_key and n.key_type == KeyType.TEST:
                continue
            for period in periods:
                if period.start <= n.created_at < period.end:
                    key = (n.service_id, period.label, n.notification_type, n.status)
                    counts[key] = counts.get(key, 0) + 1
        return [StatusCount(*key, count) for key, count in sorted(counts.items(), key=lambda kv: str(kv[0]))]

    def list_by_status(self, status: NotificationStatus, *, created_before: datetime,
                       limit: int = 1000) -> Sequence[Notification]:
        rows = sorted((n for n in self._rows.values() if n.status == status and n.created_at < created_before),
                      key=lambda n: (n.created_at, n.id))
        return rows[:limit]

    def update_if_status(self, notification: Notification, *,
                         expected: Collection[NotificationStatus]) -> bool:
        current = self._rows.get(notification.id)
        if current is None or current.status not in expected:
            return False
        self._uow.put(self.table_name, notification.id, notification)
        return True

    def find_many(self, notification_ids: Collection[UUID]) -> Sequence[Notification]:
        rows = (self._rows.get(notification_id) for notification_id in dict.fromkeys(notification_ids))
        return [row for row in rows if row is not None]

    def record_handovers(self, handovers: Sequence[Handover], *, now: datetime) -> None:
        for handover in handovers:
            current = self._rows.get(handover.notification_id)
            if current is None:
                continue
            status = handover.status if current.status is NotificationStatus.CREATED else current.status
            self._uow.put(self.table_name, current.id, evolve(
                current, sent_by=handover.provider, reference=handover.reference or current.reference,
                billable_units=handover.billable_units, sent_at=now, updated_at=now, status=status))

    def set_statuses(self, changes: Sequence[StatusChange], *, now: datetime) -> Sequence[UUID]:
        moved = []
        for change in changes:
            current = self._rows.get(change.notification_id)
            if current is None or current.status is not change.expected:
                continue
            self._uow.put(self.table_name, current.id, evolve(current, status=change.status, updated_at=now))
            moved.append(current.id)
        return moved

    def counts_for_jobs(self, job_ids: Sequence[UUID]) -> Mapping[UUID, Mapping[NotificationStatus, int]]:
        wanted = set(job_ids)
        counts: dict[UUID, dict[NotificationStatus, int]] = {}
        for n in self._rows.values():
            if n.job_id is not None and n.job_id in wanted:
                per_job = counts.setdefault(n.job_id, {})
                per_job[n.status] = per_job.get(n.status, 0) + 1
        return counts

    def last_job_row_number(self, job_id: UUID) -> int | None:
        rows = [n.job_row_number for n in self._rows.values() if n.job_id == job_id and n.job_row_number is not None]
        return max(rows) if rows else None


class InMemoryJobRepository(_Repo):
    table_name = "jobs"
    not_found = errors.JobNotFound

    def add(self, job: Job) -> None:
        self._insert(job.id, job, what="job")

    def update(self, job: Job) -> None:
        self._replace(job.id, job)

    def get(self, service_id: UUID, job_id: UUID) -> Job:
        job = self._get(job_id)
        if job.service_id != service_id:
            raise self.not_found()
        return job

    def list_for_service(self, service_id: UUID) -> Sequence[Job]:
        return sorted((j for j in self._rows.values() if j.service_id == service_id),
                      key=lambda j: (j.created_at, j.id), reverse=True)

    def find(self, job_id: UUID) -> Job | None:
        return self._rows.get(job_id)

    def update_if_unchanged(self, job: Job, *, previous: Job) -> bool:
        current = self._rows.get(job.id)
        if current is None or current.job_status != previous.job_status or current.updated_at != previous.updated_at:
            return False
        self._uow.put(self.table_name, job.id, job)
        return True

    def list_by_status(self, statuses: Collection[JobStatus], *, scheduled_before: datetime | None = None,
                       updated_before: datetime | None = None, limit: int = 100) -> Sequence[Job]:
        rows = [j for j in self._rows.values() if j.job_status in statuses
                and (scheduled_before is None or (j.scheduled_for is not None and j.scheduled_for <= scheduled_before))
                and (updated_before is None or (j.updated_at or j.created_at) < updated_before)]
        rows.sort(key=lambda j: (j.scheduled_for or j.created_at, j.created_at, j.id))
        return rows[:limit]


class InMemoryProviderRepository(_Versioned):
    table_name = "providers"
    not_found = errors.ProviderNotFound

    def add(self, provider: ProviderDetails) -> None:
        self._add_versioned(provider, lambda p: p.identifier == provider.identifier, "provider")

    def update(self, provider: ProviderDetails) -> None:
        self._update_versioned(provider, lambda p: p.identifier == provider.identifier)

    def get(self, provider_id: UUID) -> ProviderDetails:
        return self._get(provider_id)

    def list(self) -> Sequence[ProviderDetails]:
        return sorted(self._rows.values(), key=lambda p: (p.notification_type, -p.priority, p.identifier))

    def versions(self, provider_id: UUID) -> Sequence[ProviderDetails]:
        return sorted(self._versions_of(lambda p: p.id == provider_id), key=lambda p: p.version, reverse=True)


class InMemoryEmailBrandingRepository(_Repo):
    table_name = "email_branding"
    not_found = errors.BrandingNotFound

    def add(self, branding: EmailBranding) -> None:
        self._insert(branding.id, branding, lambda b: b.name == branding.name, "email branding")

    def update(self, branding: EmailBranding) -> None:
        self._replace(branding.id, branding, lambda b: b.name == branding.name)

    def get(self, branding_id: UUID) -> EmailBranding:
        return self._get(branding_id)

    def list(self) -> Sequence[EmailBranding]:
        return sorted(self._rows.values(), key=lambda b: b.name)


class InMemoryLetterBrandingRepository(_Repo):
    table_name = "letter_branding"
    not_found = errors.BrandingNotFound

    def _clash(self, branding: LetterBranding) -> Callable[[LetterBranding], bool]:
        return lambda b: b.name == branding.name or b.filename == branding.filename

    def add(self, branding: LetterBranding) -> None:
        self._insert(branding.id, branding, self._clash(branding), "letter branding")

    def update(self, branding: LetterBranding) -> None:
        self._replace(branding.id, branding, self._clash(branding))

    def get(self, branding_id: UUID) -> LetterBranding:
        return self._get(branding_id)

    def list(self) -> Sequence[LetterBranding]:
        return sorted(self._rows.values(), key=lambda b: b.name)


class InMemoryCallbackApiRepository(_Versioned):
    table_name = "callback_apis"
    not_found = errors.CallbackApiNotFound

    def _same_type(self, callback: ServiceCallbackApi) -> Callable[[ServiceCallbackApi], bool]:
        return lambda c: c.service_id == callback.service_id and c.callback_type == callback.callback_type

    def add(self, callback: ServiceCallbackApi) -> None:
        self._add_versioned(callback, self._same_type(callback), "callback api")

    def update(self, callback: ServiceCallbackApi) -> None:
        self._update_versioned(callback, self._same_type(callback))

    def remove(self, service_id: UUID, callback_id: UUID) -> None:
        self.get(service_id, callback_id)
        self._uow.delete(self.table_name, callback_id)

    def get(self, service_id: UUID, callback_id: UUID) -> ServiceCallbackApi:
        callback = self._get(callback_id)
        if callback.service_id != service_id:
            raise self.not_found()
        return callback

    def list_for_service(self, service_id: UUID) -> Sequence[ServiceCallbackApi]:
        return sorted((c for c in self._rows.values() if c.service_id == service_id),
                      key=lambda c: (c.callback_type, c.id))


def _both_live_defaults(a: ServiceSmsSender | ServiceEmailReplyTo, b: ServiceSmsSender | ServiceEmailReplyTo) -> bool:
    return a.service_id == b.service_id and all(x.is_default and not x.archived for x in (a, b))


class _ServiceScoped(_Repo):
    """Rows keyed by id that belong to one service: another service's id is simply not found."""

    def _get_for(self, service_id: UUID, key: UUID) -> Any:
        found = self._get(key)
        if found.service_id != service_id:
            raise self.not_found()
        return found


class InMemorySmsSenderRepository(_ServiceScoped):
    table_name = "service_sms_senders"
    not_found = errors.SmsSenderNotFound

    @staticmethod
    def _clash(sender: ServiceSmsSender) -> Callable[[ServiceSmsSender], bool]:
        """The SQL unique rules: an inbound number belongs to one sender; one live default per service."""
        def clashes(other: ServiceSmsSender) -> bool:
            return (sender.inbound_number_id is not None and other.inbound_number_id == sender.inbound_number_id) \
                or _both_live_defaults(sender, other)
        return clashes

    def add(self, sender: ServiceSmsSender) -> None:
        self._insert(sender.id, sender, self._clash(sender), "sms sender")

    def update(self, sender: ServiceSmsSender) -> None:
        self._replace(sender.id, sender, self._clash(sender))

    def get(self, service_id: UUID, sender_id: UUID) -> ServiceSmsSender:
        return self._get_for(service_id, sender_id)

    def list_for_service(self, service_id: UUID, *, include_archived: bool = False) -> Sequence[ServiceSmsSender]:
        return sorted((s for s in self._rows.values() if s.service_id == service_id and (include_archived or
                                                                                        not s.archived)),
                      key=lambda s: (not s.is_default, s.created_at, s.id))

    def list_by_sms_sender(self, spellings: Collection[str]) -> Sequence[ServiceSmsSender]:
        wanted = set(spellings)
        return sorted((s for s in self._rows.values() if not s.archived and s.sms_sender in wanted),
                      key=lambda s: (s.inbound_number_id is None, s.created_at, s.id))


class InMemoryEmailReplyToRepository(_ServiceScoped):
    table_name = "service_email_reply_to"
    not_found = errors.ReplyToNotFound

    def add(self, reply_to: ServiceEmailReplyTo) -> None:
        self._insert(reply_to.id, reply_to, lambda other: _both_live_defaults(reply_to, other), "email reply to")

    def update(self, reply_to: ServiceEmailReplyTo) -> None:
        self._replace(reply_to.id, reply_to, lambda other: _both_live_defaults(reply_to, other))

    def get(self, service_id: UUID, reply_to_id: UUID) -> ServiceEmailReplyTo:
        return self._get_for(service_id, reply_to_id)

    def list_for_service(self, service_id: UUID, *,
                         include_archived: bool = False) -> Sequence[ServiceEmailReplyTo]:
        rows = sorted((r for r in self._rows.values() if r.service_id == service_id and (include_archived or
                                                                                        not r.archived)),
                      key=lambda r: r.id)
        rows.sort(key=lambda r: r.created_at, reverse=True)  # stable: ties stay in id order
        rows.sort(key=lambda r: not r.is_default)
        return rows


class InMemoryInboundSmsRepository(_ServiceScoped):
    table_name = "inbound_sms"
    not_found = errors.InboundSmsNotFound

    def add(self, inbound: InboundSms) -> None:
        self._insert(inbound.id, inbound, what="inbound sms")

    def get(self, service_id: UUID, inbound_id: UUID) -> InboundSms:
        return self._get_for(service_id, inbound_id)

    def list_for_service(self, service_id: UUID, *, user_number: str | None = None,
                         created_after: datetime | None = None, older_than: UUID | None = None,
                         limit: int | None = None) -> Sequence[InboundSms]:
        before = _older_than(self._rows, older_than, service_id)
        if before is _NO_PAGE:
            return []
        rows = sorted((m for m in self._rows.values() if m.service_id == service_id
                       and (user_number is None or m.user_number == user_number)
                       and (created_after is None or m.created_at >= created_after)
                       and (before is None or m.created_at < before)),
                      key=lambda m: (m.created_at, m.id), reverse=True)
        return rows if limit is None else rows[:max(limit, 0)]

    def count_for_service(self, service_id: UUID, *, created_after: datetime | None = None) -> int:
        return len(self.list_for_service(service_id, created_after=created_after))


class InMemoryCounterRepository(_Repo):
    """`key -> (value, expires_at)`; the unit of work holds the store lock, so increments are atomic."""

    table_name = "counters"

    def increment(self, key: str, *, expires_at: datetime, amount: int = 1) -> int:
        value, _ = self._rows.get(key, (0, expires_at))
        self._uow.put(self.table_name, key, (value + amount, expires_at))
        return int(value + amount)

    def increment_many(self, increments: Sequence[tuple[str, datetime, int]]) -> Sequence[int]:
        if len({key for key, _, _ in increments}) != len(increments):
            raise ValueError("increment_many: keys must be distinct")
        return [self.increment(key, expires_at=expires_at, amount=amount) for key, expires_at, amount in increments]

    def find(self, key: str) -> int | None:
        row = self._rows.get(key)
        return None if row is None else int(row[0])

    def remove_expired(self, now: datetime) -> int:
        expired = [key for key, (_, expires_at) in self._rows.items() if expires_at <= now]
        for key in expired:
            self._uow.delete(self.table_name, key)
        return len(expired)
