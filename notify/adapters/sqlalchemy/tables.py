"""The schema as SQLAlchemy Core tables: the one definition Alembic migrations are checked against.

Column names follow Notify's schema (data-model seed); where a name differs from the domain attribute,
rows.py renames it. Types are portable: the same tables run on PostgreSQL and SQLite. Objects only
PostgreSQL has (trigram GIN indexes, extended statistics) carry `info={"postgresql_only": True}` and
are created only there.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

POSTGRESQL_ONLY = {"postgresql_only": True}

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


class UtcDateTime(sa.TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always read back tz-aware (SQLite keeps no zone of its own)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store only takes tz-aware UTC times")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def result_processor(self, dialect: sa.Dialect, coltype: Any) -> Any:
        if dialect.name == "postgresql":
            return None  # timestamptz arrives tz-aware in UTC (the engine sets TimeZone=UTC): nothing to do per row
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UUID = sa.Uuid
TS = UtcDateTime


def _id() -> sa.Column[Any]:
    return sa.Column("id", UUID, primary_key=True)


def _service_fk(nullable: bool = False, **kw: Any) -> sa.Column[Any]:
    return sa.Column("service_id", UUID, sa.ForeignKey("services.id"), nullable=nullable, **kw)


# -- users, organisations, branding --------------------------------------------------------------

users = sa.Table(
    "users", metadata,
    _id(),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("email_address", sa.String(255), nullable=False),
    sa.Column("_password", sa.String, nullable=False),
    sa.Column("mobile_number", sa.String),
    sa.Column("auth_type", sa.String(255), nullable=False, server_default="sms_auth"),
    sa.Column("platform_admin", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("state", sa.String, nullable=False, server_default="active"),
    sa.Column("failed_login_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.Column("logged_in_at", TS),
    sa.Column("password_changed_at", TS),
    sa.Column("email_access_validated_at", TS),
    sa.Column("current_session_id", UUID),
    sa.Column("take_part_in_research", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("receives_new_features_email", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Index("ix_users_email_address", "email_address", unique=True),
)
# Email addresses are unique whatever their case (find_by_email is case-insensitive).
sa.Index("uq_users_email_address_lower", sa.func.lower(users.c.email_address), unique=True)

email_branding = sa.Table(
    "email_branding", metadata,
    _id(),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("brand_type", sa.String(255), nullable=False, server_default="org"),
    sa.Column("colour", sa.String(7)),
    sa.Column("logo", sa.String(255)),
    sa.Column("text", sa.String(255)),
    sa.Column("alt_text", sa.String(255)),
    sa.Column("created_by", UUID),
    sa.Column("created_at", TS),
    sa.Column("updated_at", TS),
    sa.Column("updated_by", UUID),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
)

letter_branding = sa.Table(
    "letter_branding", metadata,
    _id(),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("filename", sa.String(255), nullable=False, unique=True),
    sa.Column("created_by", UUID),
    sa.Column("created_at", TS),
    sa.Column("updated_at", TS),
    sa.Column("updated_by", UUID),
)

organisation = sa.Table(
    "organisation", metadata,
    _id(),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.Column("organisation_type", sa.String(255)),
    sa.Column("crown", sa.Boolean),
    sa.Column("agreement_signed", sa.Boolean),
    sa.Column("agreement_signed_at", TS),
    sa.Column("agreement_signed_by_id", UUID, sa.ForeignKey("users.id")),
    sa.Column("agreement_signed_on_behalf_of_name", sa.String(255)),
    sa.Column("agreement_signed_on_behalf_of_email_address", sa.String(255)),
    sa.Column("agreement_signed_version", sa.Float),
    sa.Column("billing_contact_email_addresses", sa.Text),
    sa.Column("billing_contact_names", sa.Text),
    sa.Column("billing_reference", sa.String(255)),
    sa.Column("purchase_order_number", sa.String(255)),
    sa.Column("notes", sa.Text),
    sa.Column("email_branding_id", UUID, sa.ForeignKey("email_branding.id")),
    sa.Column("letter_branding_id", UUID, sa.ForeignKey("letter_branding.id")),
)
# Organisation names are unique whatever their case.
sa.Index("uq_organisation_name_lower", sa.func.lower(organisation.c.name), unique=True)

domain = sa.Table(
    "domain", metadata,
    sa.Column("domain", sa.String(255), primary_key=True),
    sa.Column("organisation_id", UUID, sa.ForeignKey("organisation.id", ondelete="CASCADE"), nullable=False,
              index=True),
)

user_to_organisation = sa.Table(
    "user_to_organisation", metadata,
    sa.Column("user_id", UUID, sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("organisation_id", UUID, sa.ForeignKey("organisation.id"), primary_key=True, index=True),
    sa.Column("created_at", TS),
)

organisation_user_permissions = sa.Table(
    "organisation_user_permissions", metadata,
    sa.Column("organisation_id", UUID, primary_key=True),
    sa.Column("user_id", UUID, primary_key=True),
    sa.Column("permission", sa.String(255), primary_key=True),
    sa.ForeignKeyConstraint(["user_id", "organisation_id"],
                            ["user_to_organisation.user_id", "user_to_organisation.organisation_id"],
                            name="fk_organisation_user_permissions_user_to_organisation", ondelete="CASCADE"),
)

# -- services --------------------------------------------------------------------------------------


def _service_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("restricted", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS),
        sa.Column("created_by_id", UUID, nullable=False),
        sa.Column("rate_limit", sa.Integer, nullable=False, server_default="3000"),
        sa.Column("sms_message_limit", sa.BigInteger, nullable=False, server_default="999999999"),
        sa.Column("email_message_limit", sa.BigInteger, nullable=False, server_default="999999999"),
        sa.Column("letter_message_limit", sa.BigInteger, nullable=False, server_default="999999999"),
        sa.Column("international_sms_message_limit", sa.BigInteger, nullable=False, server_default="250000"),
        sa.Column("organisation_type", sa.String(255)),
        sa.Column("count_as_live", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("prefix_sms", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("email_sender_local_part", sa.String(255)),
        sa.Column("custom_email_sender_name", sa.String(255)),
        sa.Column("email_branding_id", UUID),
        sa.Column("letter_branding_id", UUID),
        sa.Column("contact_link", sa.String(255)),
        sa.Column("billing_contact_email_addresses", sa.Text),
        sa.Column("billing_contact_names", sa.Text),
        sa.Column("billing_reference", sa.String(255)),
        sa.Column("purchase_order_number", sa.String(255)),
        sa.Column("notes", sa.Text),
        sa.Column("consent_to_research", sa.Boolean),
        sa.Column("go_live_at", TS),
        sa.Column("go_live_user_id", UUID),
        sa.Column("volume_email", sa.Integer),
        sa.Column("volume_sms", sa.Integer),
        sa.Column("volume_letter", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False),
    ]


services = sa.Table(
    "services", metadata,
    _id(),
    *_service_columns(),
    sa.Column("organisation_id", UUID, sa.ForeignKey("organisation.id"), index=True),
    sa.UniqueConstraint("name"),
    sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
    sa.ForeignKeyConstraint(["email_branding_id"], ["email_branding.id"]),
    sa.ForeignKeyConstraint(["letter_branding_id"], ["letter_branding.id"]),
)

# One row per version, written once and never changed. `permissions` snapshots the service's
# permissions at that version (a sorted JSON list), so history reads back whole Service values.
services_history = sa.Table(
    "services_history", metadata,
    sa.Column("id", UUID),
    *_service_columns(),
    sa.Column("organisation_id", UUID),
    sa.Column("permissions", JSON, nullable=False),
    sa.PrimaryKeyConstraint("id", "version"),
)
sa.Index("ix_services_history_created_by_id", services_history.c.created_by_id)

service_permissions = sa.Table(
    "service_permissions", metadata,
    sa.Column("service_id", UUID, sa.ForeignKey("services.id"), primary_key=True, index=True),
    sa.Column("permission", sa.String(255), primary_key=True, index=True),
    sa.Column("created_at", TS, nullable=False),
)

service_whitelist = sa.Table(
    "service_whitelist", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("recipient_type", sa.String(255), nullable=False),
    sa.Column("recipient", sa.String(255), nullable=False),
    sa.Column("created_at", TS),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),  # keeps the list in the order given
)

user_to_service = sa.Table(
    "user_to_service", metadata,
    sa.Column("user_id", UUID, sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("service_id", UUID, sa.ForeignKey("services.id"), primary_key=True),
    sa.Column("created_at", TS),
    sa.Index("ix_user_to_service_service_id", "service_id"),
)

permissions = sa.Table(
    "permissions", metadata,
    sa.Column("service_id", UUID, primary_key=True),
    sa.Column("user_id", UUID, primary_key=True),
    sa.Column("permission", sa.String(255), primary_key=True),
    sa.ForeignKeyConstraint(["user_id", "service_id"], ["user_to_service.user_id", "user_to_service.service_id"],
                            name="fk_permissions_user_to_service", ondelete="CASCADE"),
)

user_folder_permissions = sa.Table(
    "user_folder_permissions", metadata,
    sa.Column("user_id", UUID, primary_key=True),
    sa.Column("service_id", UUID, primary_key=True),
    sa.Column("template_folder_id", UUID, primary_key=True),
    sa.ForeignKeyConstraint(["user_id", "service_id"], ["user_to_service.user_id", "user_to_service.service_id"],
                            name="fk_user_folder_permissions_user_to_service", ondelete="CASCADE"),
)

# -- templates -------------------------------------------------------------------------------------


def _template_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("template_type", sa.String(255), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS),
        sa.Column("created_by_id", UUID, nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("postage", sa.String),
        sa.Column("letter_languages", sa.String(255)),
        sa.Column("letter_welsh_subject", sa.Text),
        sa.Column("letter_welsh_content", sa.Text),
        sa.Column("has_unsubscribe_link", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("process_type", sa.String(255), nullable=False, server_default="normal"),
        sa.Column("folder_id", UUID),
        sa.Column("service_letter_contact_id", UUID),
        sa.Column("redact_personalisation", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False),
    ]


templates = sa.Table(
    "templates", metadata,
    _id(),
    _service_fk(index=True),
    *_template_columns(),
)

templates_history = sa.Table(
    "templates_history", metadata,
    sa.Column("id", UUID),
    _service_fk(index=True),
    *_template_columns(),
    sa.PrimaryKeyConstraint("id", "version"),
)

# -- api keys --------------------------------------------------------------------------------------


def _api_key_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("secret", sa.String(255), nullable=False),  # encrypted (see crypto.py)
        sa.Column("key_type", sa.String(255), nullable=False),
        sa.Column("expiry_date", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by_id", UUID, nullable=False),
        sa.Column("updated_at", TS),
        sa.Column("version", sa.Integer, nullable=False),
    ]


api_keys = sa.Table(
    "api_keys", metadata,
    _id(),
    _service_fk(index=True),
    *_api_key_columns(),
    sa.UniqueConstraint("secret"),
)
# A service may not have two live keys with one name (revoked keys free their name): a partial index.
sa.Index("uix_service_to_key_name", api_keys.c.service_id, api_keys.c.name, unique=True,
         postgresql_where=api_keys.c.expiry_date.is_(None), sqlite_where=api_keys.c.expiry_date.is_(None))

api_keys_history = sa.Table(
    "api_keys_history", metadata,
    sa.Column("id", UUID),
    _service_fk(index=True),
    *_api_key_columns(),
    sa.PrimaryKeyConstraint("id", "version"),
)

# -- service callback apis -------------------------------------------------------------------------


def _callback_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("url", sa.String, nullable=False),
        sa.Column("bearer_token", sa.String, nullable=False),  # encrypted (see crypto.py)
        sa.Column("callback_type", sa.String(255), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS),
        sa.Column("updated_by_id", UUID, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


service_callback_api = sa.Table(
    "service_callback_api", metadata,
    _id(),
    _service_fk(),
    *_callback_columns(),
    sa.UniqueConstraint("service_id", "callback_type", name="uix_service_callback_type"),
)

service_callback_api_history = sa.Table(
    "service_callback_api_history", metadata,
    sa.Column("id", UUID),
    _service_fk(index=True),
    *_callback_columns(),
    sa.PrimaryKeyConstraint("id", "version"),
)

# -- senders and inbound text messages ---------------------------------------------------------------

service_sms_senders = sa.Table(
    "service_sms_senders", metadata,
    _id(),
    sa.Column("sms_sender", sa.String(11), nullable=False, index=True),  # index: inbound messages find it
    _service_fk(index=True),
    sa.Column("is_default", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("inbound_number_id", UUID, unique=True),  # no foreign key: a number let go takes its senders with it
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
)

service_email_reply_to = sa.Table(
    "service_email_reply_to", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("email_address", sa.Text, nullable=False),
    sa.Column("is_default", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
)

# At most one live default per service, whatever two admins do at once (the rules keep at least one).
LIVE_DEFAULT = "is_default AND NOT archived"
for _senders in (service_sms_senders, service_email_reply_to):
    sa.Index(f"uix_{_senders.name}_one_default", _senders.c.service_id, unique=True,
             postgresql_where=sa.text(LIVE_DEFAULT), sqlite_where=sa.text(LIVE_DEFAULT))

inbound_sms = sa.Table(
    "inbound_sms", metadata,
    _id(),
    _service_fk(),
    sa.Column("notify_number", sa.String, nullable=False),
    sa.Column("user_number", sa.String, nullable=False, index=True),
    sa.Column("_content", sa.String, nullable=False),  # encrypted (see crypto.py)
    sa.Column("provider", sa.String, nullable=False),
    sa.Column("provider_date", TS),
    sa.Column("provider_reference", sa.String),
    sa.Column("created_at", TS, nullable=False),
    sa.Index("ix_inbound_sms_service_created_at", "service_id", "created_at"),  # newest-first pages
)

# -- providers -------------------------------------------------------------------------------------


def _provider_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("display_name", sa.String, nullable=False),
        sa.Column("identifier", sa.String, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("notification_type", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", TS),
        sa.Column("created_by_id", UUID),
        sa.Column("supports_international", sa.Boolean, nullable=False, server_default=sa.false()),
    ]


provider_details = sa.Table(
    "provider_details", metadata,
    _id(),
    *_provider_columns(),
    sa.UniqueConstraint("identifier"),
)

provider_details_history = sa.Table(
    "provider_details_history", metadata,
    sa.Column("id", UUID),
    *_provider_columns(),
    sa.PrimaryKeyConstraint("id", "version"),
)

# An operator's credentials for a real provider: one encrypted JSON object, not versioned with the details.
provider_credentials = sa.Table(
    "provider_credentials", metadata,
    sa.Column("provider_id", UUID, sa.ForeignKey("provider_details.id"), primary_key=True),
    sa.Column("credentials", sa.Text, nullable=False),
)

# -- jobs and notifications ------------------------------------------------------------------------

jobs = sa.Table(
    "jobs", metadata,
    _id(),
    sa.Column("original_file_name", sa.String, nullable=False),
    _service_fk(index=True),
    sa.Column("template_id", UUID, nullable=False, index=True),
    sa.Column("template_version", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.Column("notification_count", sa.Integer, nullable=False),
    sa.Column("notifications_sent", sa.Integer, nullable=False, server_default="0"),
    sa.Column("notifications_delivered", sa.Integer, nullable=False, server_default="0"),
    sa.Column("notifications_failed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("processing_started", TS),
    sa.Column("processing_finished", TS),
    sa.Column("created_by_id", UUID),
    sa.Column("scheduled_for", TS, index=True),
    sa.Column("job_status", sa.String(255), nullable=False, server_default="pending"),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("sender_id", UUID),
    sa.Column("contact_list_id", UUID),
)

notifications = sa.Table(
    "notifications", metadata,
    _id(),
    sa.Column("to", sa.String, nullable=False),
    sa.Column("normalised_to", sa.String),
    sa.Column("job_id", UUID, index=True),
    sa.Column("job_row_number", sa.Integer),
    sa.Column("service_id", UUID, sa.ForeignKey("services.id"), nullable=False),
    sa.Column("template_id", UUID, nullable=False),  # no index: nothing looks notifications up by template
    sa.Column("template_version", sa.Integer, nullable=False),
    sa.Column("api_key_id", UUID),  # planner help comes from the extended statistics below
    sa.Column("key_type", sa.String(255), nullable=False),
    sa.Column("billable_units", sa.Integer, nullable=False, server_default="0"),
    sa.Column("notification_type", sa.String(255), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("sent_at", TS),
    sa.Column("sent_by", sa.String),
    sa.Column("updated_at", TS),
    sa.Column("notification_status", sa.Text, nullable=False, server_default="created"),
    sa.Column("reference", sa.String, index=True),
    sa.Column("client_reference", sa.String, index=True),
    sa.Column("_personalisation", sa.String),  # encrypted JSON (see crypto.py)
    sa.Column("international", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("phone_prefix", sa.String),
    sa.Column("rate_multiplier", sa.Float),
    sa.Column("created_by_id", UUID),
    sa.Column("postage", sa.String),
    sa.Column("reply_to_text", sa.String),
    sa.Column("one_click_unsubscribe_url", sa.String),
    sa.Index("ix_notifications_service_created_at", "service_id", "created_at"),
    sa.Index("ix_notifications_notification_type_composite", "notification_type", "notification_status",
             "created_at"),
    # The status sweeps (list_by_status) look only at notifications still in flight: a small partial index.
    sa.Index("ix_notifications_in_flight_created_at", "notification_status", "created_at",
             postgresql_where=sa.text("notification_status IN ('created', 'sending', 'pending')"),
             sqlite_where=sa.text("notification_status IN ('created', 'sending', 'pending')")),
)
# Recipient and reference search (ILIKE '%…%'): trigram GIN indexes, PostgreSQL only.
sa.Index("ix_notifications_normalised_to_trgm", notifications.c.normalised_to, postgresql_using="gin",
         postgresql_ops={"normalised_to": "gin_trgm_ops"}, info=POSTGRESQL_ONLY).ddl_if(dialect="postgresql")
sa.Index("ix_notifications_client_reference_trgm", notifications.c.client_reference, postgresql_using="gin",
         postgresql_ops={"client_reference": "gin_trgm_ops"}, info=POSTGRESQL_ONLY).ddl_if(dialect="postgresql")

# What is kept of a notification after its retention (the nightly purge moves it here): no recipient, no content.
notification_history = sa.Table(
    "notification_history", metadata,
    _id(),
    sa.Column("job_id", UUID, index=True),
    sa.Column("job_row_number", sa.Integer),
    sa.Column("service_id", UUID, sa.ForeignKey("services.id"), nullable=False),
    sa.Column("template_id", UUID, nullable=False),
    sa.Column("template_version", sa.Integer, nullable=False),
    sa.Column("api_key_id", UUID),
    sa.Column("key_type", sa.String(255), nullable=False),
    sa.Column("notification_type", sa.String(255), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("sent_at", TS),
    sa.Column("sent_by", sa.String),
    sa.Column("updated_at", TS),
    sa.Column("reference", sa.String),
    sa.Column("billable_units", sa.Integer, nullable=False, server_default="0"),
    sa.Column("client_reference", sa.String),
    sa.Column("international", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("phone_prefix", sa.String),
    sa.Column("rate_multiplier", sa.Float),
    sa.Column("notification_status", sa.Text, nullable=False),
    sa.Column("created_by_id", UUID),
    sa.Column("postage", sa.String),
    sa.Index("ix_notification_history_service_created_at", "service_id", "created_at"),
)

# -- counters (sending limits) ----------------------------------------------------------------------

counters = sa.Table(
    "counters", metadata,
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
    sa.Column("expires_at", TS, nullable=False, index=True),
    # An increment's floor, which its upsert's ON CONFLICT can read only from the row it proposes; once stored,
    # it means nothing.
    sa.Column("floor", sa.BigInteger, nullable=False, server_default="0"),
)

# Extended statistics: service_id and api_key_id are strongly dependent; tell the planner.
EXTENDED_STATISTICS = {
    "st_dep_notifications_service_id_api_key_id":
        "CREATE STATISTICS IF NOT EXISTS st_dep_notifications_service_id_api_key_id (dependencies) "
        "ON service_id, api_key_id FROM notifications",
}
sa.event.listen(metadata, "before_create",
                sa.DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))
for _ddl in EXTENDED_STATISTICS.values():
    sa.event.listen(notifications, "after_create", sa.DDL(_ddl).execute_if(dialect="postgresql"))


# -- letter contact blocks ------------------------------------------------------------------------

service_letter_contacts = sa.Table(
    "service_letter_contacts", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("contact_block", sa.Text, nullable=False),
    sa.Column("is_default", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
)
sa.Index("uix_service_letter_contacts_one_default", service_letter_contacts.c.service_id, unique=True,
         postgresql_where=sa.text(LIVE_DEFAULT), sqlite_where=sa.text(LIVE_DEFAULT))


# -- request token ids seen (replay protection) -----------------------------------------------------

used_tokens = sa.Table(
    "used_tokens", metadata,
    sa.Column("key", sa.String(64), primary_key=True),  # sha256 hex of issuer and jti: fixed width, no raw input
    sa.Column("expires_at", TS, nullable=False, index=True),
)
# Not worth WAL: losing these rows in a crash only reopens a 30-second replay window.
sa.event.listen(used_tokens, "after_create",
                sa.DDL("ALTER TABLE used_tokens SET UNLOGGED").execute_if(dialect="postgresql"))


# -- the persisted retry schedule (domain.retry) -------------------------------------------------

scheduled_retries = sa.Table(
    "scheduled_retries", metadata,
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("notification_id", UUID, primary_key=True),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("due_at", TS, nullable=False),
    sa.Index("ix_scheduled_retries_kind_due_at", "kind", "due_at"),
)


# -- complaints (email marked as spam, reported by the provider) ----------------------------------------------

complaints = sa.Table(
    "complaints", metadata,
    _id(),
    sa.Column("notification_id", UUID, nullable=False, index=True),  # no foreign key: notifications are purged
    _service_fk(),
    sa.Column("ses_feedback_id", sa.String, nullable=False, unique=True),
    sa.Column("complaint_type", sa.String),
    sa.Column("complaint_date", TS),
    sa.Column("created_at", TS, nullable=False),
    sa.Index("ix_complaints_service_created_at", "service_id", "created_at"),
)


# -- data retention per service and channel ----------------------------------------------------------------

service_data_retention = sa.Table(
    "service_data_retention", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("notification_type", sa.String(255), nullable=False),
    sa.Column("days_of_retention", sa.Integer, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.UniqueConstraint("service_id", "notification_type", name="uix_service_data_retention"),
)


# -- verification codes (second factor at sign-in; only a hash of each code is kept) ------------------------

verify_codes = sa.Table(
    "verify_codes", metadata,
    _id(),
    sa.Column("user_id", UUID, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("code_type", sa.String, nullable=False),
    sa.Column("code_hash", sa.String, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("expiry_datetime", TS, nullable=False),
    sa.Column("code_used", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_verify_codes_user_id_code_type", "user_id", "code_type"),
)


# -- invitations to join a service ---------------------------------------------------------------------------

invited_users = sa.Table(
    "invited_users", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("from_user_id", UUID, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("email_address", sa.String(255), nullable=False),
    sa.Column("permissions", sa.String, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("auth_type", sa.String, nullable=False),
    sa.Column("folder_permissions", sa.Text, nullable=False, server_default=""),
)

invited_organisation_users = sa.Table(
    "invited_organisation_users", metadata,
    _id(),
    sa.Column("organisation_id", UUID, sa.ForeignKey("organisation.id"), nullable=False, index=True),
    sa.Column("invited_by_id", UUID, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("email_address", sa.String(255), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("status", sa.String, nullable=False),
)

service_join_requests = sa.Table(
    "service_join_requests", metadata,
    _id(),
    sa.Column("requester_id", UUID, sa.ForeignKey("users.id"), nullable=False),
    _service_fk(index=True),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("contacted_user_ids", sa.Text, nullable=False, server_default=""),
    sa.Column("reason", sa.Text),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("status_changed_at", TS),
    sa.Column("status_changed_by_id", UUID, sa.ForeignKey("users.id")),
)


# -- template folders, contact lists, report requests, template email files -------------------------------

template_folder = sa.Table(
    "template_folder", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("parent_id", UUID, sa.ForeignKey("template_folder.id"), index=True),
)

service_contact_list = sa.Table(
    "service_contact_list", metadata,
    _id(),
    _service_fk(),
    sa.Column("original_file_name", sa.String, nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("template_type", sa.String(255), nullable=False),
    sa.Column("created_by_id", UUID, sa.ForeignKey("users.id")),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_service_contact_list_service_created_at", "service_id", "created_at"),
)

report_requests = sa.Table(
    "report_requests", metadata,
    _id(),
    sa.Column("user_id", UUID, sa.ForeignKey("users.id"), nullable=False),
    _service_fk(),
    sa.Column("report_type", sa.String(255), nullable=False),
    sa.Column("status", sa.String(255), nullable=False),
    sa.Column("notification_type", sa.String(255), nullable=False),
    sa.Column("notification_status", sa.String(255), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.Index("ix_report_requests_service_id_user_id", "service_id", "user_id"),
)

template_email_files = sa.Table(
    "template_email_files", metadata,
    _id(),
    _service_fk(),
    sa.Column("template_id", UUID, sa.ForeignKey("templates.id"), nullable=False, index=True),
    sa.Column("template_version", sa.Integer, nullable=False),
    sa.Column("filename", sa.Text, nullable=False),
    sa.Column("link_text", sa.Text),
    sa.Column("retention_period", sa.Integer, nullable=False),
    sa.Column("validate_users_email", sa.Boolean, nullable=False),
    sa.Column("pending", sa.Boolean, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("created_by_id", UUID, sa.ForeignKey("users.id")),
    sa.Column("updated_at", TS),
    sa.Column("archived_at", TS),
    sa.Column("archived_by_id", UUID, sa.ForeignKey("users.id")),
)


# -- the inbound number pool, returned letters, letter attachments --------------------------------------------

inbound_numbers = sa.Table(
    "inbound_numbers", metadata,
    _id(),
    sa.Column("number", sa.String(255), nullable=False, unique=True),
    sa.Column("provider", sa.String, nullable=False),
    _service_fk(nullable=True, unique=True),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
)

returned_letters = sa.Table(
    "returned_letters", metadata,
    _id(),
    sa.Column("reported_at", sa.Date, nullable=False),
    _service_fk(index=True),
    sa.Column("notification_id", UUID, nullable=False, unique=True),  # no foreign key: notifications are purged
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
)

letter_attachment = sa.Table(
    "letter_attachment", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("template_id", UUID, nullable=False, index=True),
    sa.Column("created_by_id", UUID, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("archived_at", TS),
    sa.Column("archived_by_id", UUID, sa.ForeignKey("users.id")),
    sa.Column("original_filename", sa.String, nullable=False),
    sa.Column("page_count", sa.SmallInteger, nullable=False),
    sa.Column("created_at", TS, nullable=False),
)
# A template has at most one attachment that is not archived.
sa.Index("uix_letter_attachment_live_template", letter_attachment.c.template_id, unique=True,
         postgresql_where=sa.text("archived_at IS NULL"), sqlite_where=sa.text("archived_at IS NULL"))


# -- daily facts (filled nightly from notifications) and free text message allowances ------------------------

ft_billing = sa.Table(
    "ft_billing", metadata,
    sa.Column("bst_date", sa.Date, nullable=False),
    sa.Column("template_id", UUID, nullable=False),
    sa.Column("service_id", UUID, nullable=False),
    sa.Column("notification_type", sa.String(255), nullable=False),
    sa.Column("provider", sa.String, nullable=False),
    sa.Column("rate_multiplier", sa.Integer, nullable=False),
    sa.Column("international", sa.Boolean, nullable=False),
    sa.Column("rate", sa.Float, nullable=False),
    sa.Column("postage", sa.String, nullable=False),
    sa.Column("billable_units", sa.Integer, nullable=False),
    sa.Column("notifications_sent", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("bst_date", "template_id", "service_id", "notification_type", "provider",
                            "rate_multiplier", "international", "rate", "postage"),
    sa.Index("ix_ft_billing_service_id_bst_date", "service_id", "bst_date"),
)

ft_notification_status = sa.Table(
    "ft_notification_status", metadata,
    sa.Column("bst_date", sa.Date, nullable=False),
    sa.Column("template_id", UUID, nullable=False),
    sa.Column("service_id", UUID, nullable=False),
    sa.Column("job_id", UUID, nullable=False),
    sa.Column("notification_type", sa.String(255), nullable=False),
    sa.Column("key_type", sa.String(255), nullable=False),
    sa.Column("notification_status", sa.String, nullable=False),
    sa.Column("notification_count", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("bst_date", "template_id", "service_id", "job_id", "notification_type", "key_type",
                            "notification_status"),
    sa.Index("ix_ft_notification_status_service_id_bst_date", "service_id", "bst_date"),
)

ft_processing_time = sa.Table(
    "ft_processing_time", metadata,
    sa.Column("bst_date", sa.Date, primary_key=True),
    sa.Column("messages_total", sa.Integer, nullable=False),
    sa.Column("messages_within_10_secs", sa.Integer, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
)

annual_billing = sa.Table(
    "annual_billing", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("financial_year_start", sa.Integer, nullable=False),
    sa.Column("free_sms_fragment_limit", sa.Integer, nullable=False),
    sa.Column("high_volume_service_last_year", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("has_custom_allowance", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.UniqueConstraint("service_id", "financial_year_start", name="uix_service_id_financial_year_start"),
)


# -- one-click unsubscribe requests and the reports services download ----------------------------------------

unsubscribe_request_report = sa.Table(
    "unsubscribe_request_report", metadata,
    _id(),
    _service_fk(index=True),
    sa.Column("count", sa.BigInteger, nullable=False),
    sa.Column("earliest_timestamp", TS, nullable=False),
    sa.Column("latest_timestamp", TS, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("processed_by_service_at", TS),
)

unsubscribe_request = sa.Table(
    "unsubscribe_request", metadata,
    _id(),
    # No foreign key: the notification may move to history (and its recipient be purged) before the request.
    sa.Column("notification_id", UUID, nullable=False, index=True),
    _service_fk(),
    sa.Column("template_id", UUID, nullable=False),
    sa.Column("template_version", sa.Integer, nullable=False),
    sa.Column("email_address", sa.Text, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("unsubscribe_request_report_id", UUID,
              sa.ForeignKey("unsubscribe_request_report.id", name="fk_unsubscribe_request_report_id"), index=True),
    sa.Index("ix_unsubscribe_request_service_id_created_at", "service_id", "created_at"),
)


# -- users' security keys ----------------------------------------------------------------------------------

webauthn_credential = sa.Table(
    "webauthn_credential", metadata,
    _id(),
    sa.Column("user_id", UUID, sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("credential_data", sa.String, nullable=False),
    sa.Column("registration_response", sa.String, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS),
    sa.Column("logged_in_at", TS),
)


# -- organisations' branding pools, recorded events, protected sender ids ---------------------------------

email_branding_to_organisation = sa.Table(
    "email_branding_to_organisation", metadata,
    sa.Column("organisation_id", UUID, sa.ForeignKey("organisation.id"), primary_key=True),
    sa.Column("email_branding_id", UUID, sa.ForeignKey("email_branding.id"), primary_key=True, index=True),
)

letter_branding_to_organisation = sa.Table(
    "letter_branding_to_organisation", metadata,
    sa.Column("organisation_id", UUID, sa.ForeignKey("organisation.id"), primary_key=True),
    sa.Column("letter_branding_id", UUID, sa.ForeignKey("letter_branding.id"), primary_key=True, index=True),
)

events = sa.Table(
    "events", metadata,
    _id(),
    sa.Column("event_type", sa.String(255), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("data", JSON, nullable=False),
)

protected_sender_ids = sa.Table(
    "protected_sender_ids", metadata,
    sa.Column("sender_id", sa.String, primary_key=True),
)
