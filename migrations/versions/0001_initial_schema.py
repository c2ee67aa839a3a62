"""initial schema

Every table of the data-model seed, history tables and indexes; on PostgreSQL also the pg_trgm indexes and
the extended statistics.

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 09:59:53.078240

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


STATISTICS = "st_dep_notifications_service_id_api_key_id"


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _postgresql():
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('email_branding',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('brand_type', sa.String(length=255), server_default='org', nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=True),
    sa.Column('logo', sa.String(length=255), nullable=True),
    sa.Column('text', sa.String(length=255), nullable=True),
    sa.Column('alt_text', sa.String(length=255), nullable=True),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_branding')),
    sa.UniqueConstraint('name', name=op.f('uq_email_branding_name'))
    )
    op.create_table('letter_branding',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_branding')),
    sa.UniqueConstraint('filename', name=op.f('uq_letter_branding_filename')),
    sa.UniqueConstraint('name', name=op.f('uq_letter_branding_name'))
    )
    op.create_table('provider_details',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('display_name', sa.String(), nullable=False),
    sa.Column('identifier', sa.String(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('notification_type', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('supports_international', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provider_details')),
    sa.UniqueConstraint('identifier', name=op.f('uq_provider_details_identifier'))
    )
    op.create_table('provider_details_history',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('display_name', sa.String(), nullable=False),
    sa.Column('identifier', sa.String(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('notification_type', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('supports_international', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.PrimaryKeyConstraint('id', 'version', name=op.f('pk_provider_details_history'))
    )
    op.create_table('services_history',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('rate_limit', sa.Integer(), server_default='3000', nullable=False),
    sa.Column('sms_message_limit', sa.BigInteger(), server_default='999999999', nullable=False),
    sa.Column('email_message_limit', sa.BigInteger(), server_default='999999999', nullable=False),
    sa.Column('letter_message_limit', sa.BigInteger(), server_default='999999999', nullable=False),
    sa.Column('international_sms_message_limit', sa.BigInteger(), server_default='250000', nullable=False),
    sa.Column('organisation_type', sa.String(length=255), nullable=True),
    sa.Column('count_as_live', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('prefix_sms', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('email_sender_local_part', sa.String(length=255), nullable=True),
    sa.Column('custom_email_sender_name', sa.String(length=255), nullable=True),
    sa.Column('email_branding_id', sa.Uuid(), nullable=True),
    sa.Column('letter_branding_id', sa.Uuid(), nullable=True),
    sa.Column('contact_link', sa.String(length=255), nullable=True),
    sa.Column('billing_contact_email_addresses', sa.Text(), nullable=True),
    sa.Column('billing_contact_names', sa.Text(), nullable=True),
    sa.Column('billing_reference', sa.String(length=255), nullable=True),
    sa.Column('purchase_order_number', sa.String(length=255), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('consent_to_research', sa.Boolean(), nullable=True),
    sa.Column('go_live_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('go_live_user_id', sa.Uuid(), nullable=True),
    sa.Column('volume_email', sa.Integer(), nullable=True),
    sa.Column('volume_sms', sa.Integer(), nullable=True),
    sa.Column('volume_letter', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=True),
    sa.Column('permissions', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', 'version', name=op.f('pk_services_history'))
    )
    op.create_index('ix_services_history_created_by_id', 'services_history', ['created_by_id'], unique=False)
    op.create_table('users',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('email_address', sa.String(length=255), nullable=False),
    sa.Column('_password', sa.String(), nullable=False),
    sa.Column('mobile_number', sa.String(), nullable=True),
    sa.Column('auth_type', sa.String(length=255), server_default='sms_auth', nullable=False),
    sa.Column('platform_admin', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('state', sa.String(), server_default='active', nullable=False),
    sa.Column('failed_login_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('logged_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('email_access_validated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('current_session_id', sa.Uuid(), nullable=True),
    sa.Column('take_part_in_research', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('receives_new_features_email', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    op.create_index('ix_users_email_address', 'users', ['email_address'], unique=True)
    op.create_index('uq_users_email_address_lower', 'users', [sa.literal_column('lower(email_address)')], unique=True)
    op.create_table('organisation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('organisation_type', sa.String(length=255), nullable=True),
    sa.Column('crown', sa.Boolean(), nullable=True),
    sa.Column('agreement_signed', sa.Boolean(), nullable=True),
    sa.Column('agreement_signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('agreement_signed_by_id', sa.Uuid(), nullable=True),
    sa.Column('agreement_signed_on_behalf_of_name', sa.String(length=255), nullable=True),
    sa.Column('agreement_signed_on_behalf_of_email_address', sa.String(length=255), nullable=True),
    sa.Column('agreement_signed_version', sa.Float(), nullable=True),
    sa.Column('billing_contact_email_addresses', sa.Text(), nullable=True),
    sa.Column('billing_contact_names', sa.Text(), nullable=True),
    sa.Column('billing_reference', sa.String(length=255), nullable=True),
    sa.Column('purchase_order_number', sa.String(length=255), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('email_branding_id', sa.Uuid(), nullable=True),
    sa.Column('letter_branding_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_signed_by_id'], ['users.id'], name=op.f('fk_organisation_agreement_signed_by_id_users')),
    sa.ForeignKeyConstraint(['email_branding_id'], ['email_branding.id'], name=op.f('fk_organisation_email_branding_id_email_branding')),
    sa.ForeignKeyConstraint(['letter_branding_id'], ['letter_branding.id'], name=op.f('fk_organisation_letter_branding_id_letter_branding')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name', name=op.f('uq_organisation_name'))
    )
    op.create_index('uq_organisation_name_lower', 'organisation', [sa.literal_column('lower(name)')], unique=True)
    op.create_table('domain',
    sa.Column('domain', sa.String(length=255), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_domain_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('domain', name=op.f('pk_domain'))
    )
    op.create_index(op.f('ix_domain_organisation_id'), 'domain', ['organisation_id'], unique=False)
    op.create_table('services',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('rate_limit', sa.Integer(), server_default='3000', nullable=False),
    sa.Column('sms_message_limit', sa.BigInteger(), server_default='999999999', nullable=False),
    sa.Column('email_message_limit', sa.BigInteger(), server_default='999999999', nullable=False),
    sa.Column('letter_message_limit', sa.BigInteger(), server_default='999999999', nullable=False),
    sa.Column('international_sms_message_limit', sa.BigInteger(), server_default='250000', nullable=False),
    sa.Column('organisation_type', sa.String(length=255), nullable=True),
    sa.Column('count_as_live', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('prefix_sms', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('email_sender_local_part', sa.String(length=255), nullable=True),
    sa.Column('custom_email_sender_name', sa.String(length=255), nullable=True),
    sa.Column('email_branding_id', sa.Uuid(), nullable=True),
    sa.Column('letter_branding_id', sa.Uuid(), nullable=True),
    sa.Column('contact_link', sa.String(length=255), nullable=True),
    sa.Column('billing_contact_email_addresses', sa.Text(), nullable=True),
    sa.Column('billing_contact_names', sa.Text(), nullable=True),
    sa.Column('billing_reference', sa.String(length=255), nullable=True),
    sa.Column('purchase_order_number', sa.String(length=255), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('consent_to_research', sa.Boolean(), nullable=True),
    sa.Column('go_live_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('go_live_user_id', sa.Uuid(), nullable=True),
    sa.Column('volume_email', sa.Integer(), nullable=True),
    sa.Column('volume_sms', sa.Integer(), nullable=True),
    sa.Column('volume_letter', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_services_created_by_id_users')),
    sa.ForeignKeyConstraint(['email_branding_id'], ['email_branding.id'], name=op.f('fk_services_email_branding_id_email_branding')),
    sa.ForeignKeyConstraint(['letter_branding_id'], ['letter_branding.id'], name=op.f('fk_services_letter_branding_id_letter_branding')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_services_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services')),
    sa.UniqueConstraint('name', name=op.f('uq_services_name'))
    )
    op.create_index(op.f('ix_services_organisation_id'), 'services', ['organisation_id'], unique=False)
    op.create_table('api_keys',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('secret', sa.String(length=255), nullable=False),
    sa.Column('key_type', sa.String(length=255), nullable=False),
    sa.Column('expiry_date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_api_keys_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('secret', name=op.f('uq_api_keys_secret'))
    )
    op.create_index(op.f('ix_api_keys_service_id'), 'api_keys', ['service_id'], unique=False)
    op.create_index('uix_service_to_key_name', 'api_keys', ['service_id', 'name'], unique=True, postgresql_where=sa.text('expiry_date IS NULL'), sqlite_where=sa.text('expiry_date IS NULL'))
    op.create_table('api_keys_history',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('secret', sa.String(length=255), nullable=False),
    sa.Column('key_type', sa.String(length=255), nullable=False),
    sa.Column('expiry_date', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_api_keys_history_service_id_services')),
    sa.PrimaryKeyConstraint('id', 'version', name=op.f('pk_api_keys_history'))
    )
    op.create_index(op.f('ix_api_keys_history_service_id'), 'api_keys_history', ['service_id'], unique=False)
    op.create_table('jobs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('original_file_name', sa.String(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('template_id', sa.Uuid(), nullable=False),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notification_count', sa.Integer(), nullable=False),
    sa.Column('notifications_sent', sa.Integer(), server_default='0', nullable=False),
    sa.Column('notifications_delivered', sa.Integer(), server_default='0', nullable=False),
    sa.Column('notifications_failed', sa.Integer(), server_default='0', nullable=False),
    sa.Column('processing_started', sa.DateTime(timezone=True), nullable=True),
    sa.Column('processing_finished', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('scheduled_for', sa.DateTime(timezone=True), nullable=True),
    sa.Column('job_status', sa.String(length=255), server_default='pending', nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('sender_id', sa.Uuid(), nullable=True),
    sa.Column('contact_list_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_jobs_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    op.create_index(op.f('ix_jobs_scheduled_for'), 'jobs', ['scheduled_for'], unique=False)
    op.create_index(op.f('ix_jobs_service_id'), 'jobs', ['service_id'], unique=False)
    op.create_index(op.f('ix_jobs_template_id'), 'jobs', ['template_id'], unique=False)
    op.create_table('notifications',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('to', sa.String(), nullable=False),
    sa.Column('normalised_to', sa.String(), nullable=True),
    sa.Column('job_id', sa.Uuid(), nullable=True),
    sa.Column('job_row_number', sa.Integer(), nullable=True),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('template_id', sa.Uuid(), nullable=False),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('api_key_id', sa.Uuid(), nullable=True),
    sa.Column('key_type', sa.String(length=255), nullable=False),
    sa.Column('billable_units', sa.Integer(), server_default='0', nullable=False),
    sa.Column('notification_type', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_by', sa.String(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notification_status', sa.Text(), server_default='created', nullable=False),
    sa.Column('reference', sa.String(), nullable=True),
    sa.Column('client_reference', sa.String(), nullable=True),
    sa.Column('_personalisation', sa.String(), nullable=True),
    sa.Column('international', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('phone_prefix', sa.String(), nullable=True),
    sa.Column('rate_multiplier', sa.Float(), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('postage', sa.String(), nullable=True),
    sa.Column('reply_to_text', sa.String(), nullable=True),
    sa.Column('one_click_unsubscribe_url', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_notifications_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    op.create_index(op.f('ix_notifications_client_reference'), 'notifications', ['client_reference'], unique=False)
    if _postgresql():
        op.create_index('ix_notifications_client_reference_trgm', 'notifications', ['client_reference'], unique=False, postgresql_using='gin', postgresql_ops={'client_reference': 'gin_trgm_ops'})
    op.create_index('ix_notifications_in_flight_created_at', 'notifications', ['notification_status', 'created_at'], unique=False, postgresql_where=sa.text("notification_status IN ('created', 'sending', 'pending')"), sqlite_where=sa.text("notification_status IN ('created', 'sending', 'pending')"))
    op.create_index(op.f('ix_notifications_job_id'), 'notifications', ['job_id'], unique=False)
    if _postgresql():
        op.create_index('ix_notifications_normalised_to_trgm', 'notifications', ['normalised_to'], unique=False, postgresql_using='gin', postgresql_ops={'normalised_to': 'gin_trgm_ops'})
    if _postgresql():
        op.execute(f"CREATE STATISTICS {STATISTICS} (dependencies) ON service_id, api_key_id FROM notifications")
    op.create_index('ix_notifications_notification_type_composite', 'notifications', ['notification_type', 'notification_status', 'created_at'], unique=False)
    op.create_index(op.f('ix_notifications_reference'), 'notifications', ['reference'], unique=False)
    op.create_index('ix_notifications_service_created_at', 'notifications', ['service_id', 'created_at'], unique=False)
    op.create_table('service_callback_api',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('bearer_token', sa.String(), nullable=False),
    sa.Column('callback_type', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_service_callback_api_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_callback_api')),
    sa.UniqueConstraint('service_id', 'callback_type', name='uix_service_callback_type')
    )
    op.create_table('service_callback_api_history',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('bearer_token', sa.String(), nullable=False),
    sa.Column('callback_type', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_service_callback_api_history_service_id_services')),
    sa.PrimaryKeyConstraint('id', 'version', name=op.f('pk_service_callback_api_history'))
    )
    op.create_index(op.f('ix_service_callback_api_history_service_id'), 'service_callback_api_history', ['service_id'], unique=False)
    op.create_table('service_permissions',
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('permission', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_service_permissions_service_id_services')),
    sa.PrimaryKeyConstraint('service_id', 'permission', name=op.f('pk_service_permissions'))
    )
    op.create_index(op.f('ix_service_permissions_permission'), 'service_permissions', ['permission'], unique=False)
    op.create_index(op.f('ix_service_permissions_service_id'), 'service_permissions', ['service_id'], unique=False)
    op.create_table('service_whitelist',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('recipient_type', sa.String(length=255), nullable=False),
    sa.Column('recipient', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('position', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_service_whitelist_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_whitelist'))
    )
    op.create_index(op.f('ix_service_whitelist_service_id'), 'service_whitelist', ['service_id'], unique=False)
    op.create_table('templates',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('template_type', sa.String(length=255), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('hidden', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('postage', sa.String(), nullable=True),
    sa.Column('letter_languages', sa.String(length=255), nullable=True),
    sa.Column('letter_welsh_subject', sa.Text(), nullable=True),
    sa.Column('letter_welsh_content', sa.Text(), nullable=True),
    sa.Column('has_unsubscribe_link', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('process_type', sa.String(length=255), server_default='normal', nullable=False),
    sa.Column('folder_id', sa.Uuid(), nullable=True),
    sa.Column('service_letter_contact_id', sa.Uuid(), nullable=True),
    sa.Column('redact_personalisation', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_templates_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_templates'))
    )
    op.create_index(op.f('ix_templates_service_id'), 'templates', ['service_id'], unique=False)
    op.create_table('templates_history',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('template_type', sa.String(length=255), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('hidden', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('postage', sa.String(), nullable=True),
    sa.Column('letter_languages', sa.String(length=255), nullable=True),
    sa.Column('letter_welsh_subject', sa.Text(), nullable=True),
    sa.Column('letter_welsh_content', sa.Text(), nullable=True),
    sa.Column('has_unsubscribe_link', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('process_type', sa.String(length=255), server_default='normal', nullable=False),
    sa.Column('folder_id', sa.Uuid(), nullable=True),
    sa.Column('service_letter_contact_id', sa.Uuid(), nullable=True),
    sa.Column('redact_personalisation', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_templates_history_service_id_services')),
    sa.PrimaryKeyConstraint('id', 'version', name=op.f('pk_templates_history'))
    )
    op.create_index(op.f('ix_templates_history_service_id'), 'templates_history', ['service_id'], unique=False)
    op.create_table('user_to_service',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_user_to_service_service_id_services')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_to_service_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'service_id', name=op.f('pk_user_to_service'))
    )
    op.create_index('ix_user_to_service_service_id', 'user_to_service', ['service_id'], unique=False)
    op.create_table('permissions',
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('permission', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['user_id', 'service_id'], ['user_to_service.user_id', 'user_to_service.service_id'], name='fk_permissions_user_to_service', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('service_id', 'user_id', 'permission', name=op.f('pk_permissions'))
    )
    op.create_table('user_folder_permissions',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('template_folder_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['user_id', 'service_id'], ['user_to_service.user_id', 'user_to_service.service_id'], name='fk_user_folder_permissions_user_to_service', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'service_id', 'template_folder_id', name=op.f('pk_user_folder_permissions'))
    )


def downgrade() -> None:
    if _postgresql():
        op.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")
    op.drop_table('user_folder_permissions')
    op.drop_table('permissions')
    op.drop_index('ix_user_to_service_service_id', table_name='user_to_service')
    op.drop_table('user_to_service')
    op.drop_index(op.f('ix_templates_history_service_id'), table_name='templates_history')
    op.drop_table('templates_history')
    op.drop_index(op.f('ix_templates_service_id'), table_name='templates')
    op.drop_table('templates')
    op.drop_index(op.f('ix_service_whitelist_service_id'), table_name='service_whitelist')
    op.drop_table('service_whitelist')
    op.drop_index(op.f('ix_service_permissions_service_id'), table_name='service_permissions')
    op.drop_index(op.f('ix_service_permissions_permission'), table_name='service_permissions')
    op.drop_table('service_permissions')
    op.drop_index(op.f('ix_service_callback_api_history_service_id'), table_name='service_callback_api_history')
    op.drop_table('service_callback_api_history')
    op.drop_table('service_callback_api')
    op.drop_index('ix_notifications_service_created_at', table_name='notifications')
    op.drop_index(op.f('ix_notifications_reference'), table_name='notifications')
    op.drop_index('ix_notifications_notification_type_composite', table_name='notifications')
    if _postgresql():
        op.drop_index('ix_notifications_normalised_to_trgm', table_name='notifications', postgresql_using='gin', postgresql_ops={'normalised_to': 'gin_trgm_ops'})
    op.drop_index(op.f('ix_notifications_job_id'), table_name='notifications')
    op.drop_index('ix_notifications_in_flight_created_at', table_name='notifications', postgresql_where=sa.text("notification_status IN ('created', 'sending', 'pending')"), sqlite_where=sa.text("notification_status IN ('created', 'sending', 'pending')"))
    if _postgresql():
        op.drop_index('ix_notifications_client_reference_trgm', table_name='notifications', postgresql_using='gin', postgresql_ops={'client_reference': 'gin_trgm_ops'})
    op.drop_index(op.f('ix_notifications_client_reference'), table_name='notifications')
    op.drop_table('notifications')
    op.drop_index(op.f('ix_jobs_template_id'), table_name='jobs')
    op.drop_index(op.f('ix_jobs_service_id'), table_name='jobs')
    op.drop_index(op.f('ix_jobs_scheduled_for'), table_name='jobs')
    op.drop_table('jobs')
    op.drop_index(op.f('ix_api_keys_history_service_id'), table_name='api_keys_history')
    op.drop_table('api_keys_history')
    op.drop_index('uix_service_to_key_name', table_name='api_keys', postgresql_where=sa.text('expiry_date IS NULL'), sqlite_where=sa.text('expiry_date IS NULL'))
    op.drop_index(op.f('ix_api_keys_service_id'), table_name='api_keys')
    op.drop_table('api_keys')
    op.drop_index(op.f('ix_services_organisation_id'), table_name='services')
    op.drop_table('services')
    op.drop_index(op.f('ix_domain_organisation_id'), table_name='domain')
    op.drop_table('domain')
    op.drop_index('uq_organisation_name_lower', table_name='organisation')
    op.drop_table('organisation')
    op.drop_index('uq_users_email_address_lower', table_name='users')
    op.drop_index('ix_users_email_address', table_name='users')
    op.drop_table('users')
    op.drop_index('ix_services_history_created_by_id', table_name='services_history')
    op.drop_table('services_history')
    op.drop_table('provider_details_history')
    op.drop_table('provider_details')
    op.drop_table('letter_branding')
    op.drop_table('email_branding')
