"""Every type, status and permission name of the model, in one place (values are Notify's wire strings)."""

from __future__ import annotations

from enum import StrEnum


class NotificationType(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    LETTER = "letter"


TemplateType = NotificationType


class NotificationStatus(StrEnum):
    CANCELLED = "cancelled"
    CREATED = "created"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    PENDING = "pending"
    FAILED = "failed"  # deprecated by Notify; still counted as a failure
    TECHNICAL_FAILURE = "technical-failure"
    TEMPORARY_FAILURE = "temporary-failure"
    PERMANENT_FAILURE = "permanent-failure"
    PENDING_VIRUS_CHECK = "pending-virus-check"
    VALIDATION_FAILED = "validation-failed"
    VIRUS_SCAN_FAILED = "virus-scan-failed"
    RETURNED_LETTER = "returned-letter"


FAILURE_STATUSES = frozenset(
    {
        NotificationStatus.FAILED,
        NotificationStatus.TECHNICAL_FAILURE,
        NotificationStatus.TEMPORARY_FAILURE,
        NotificationStatus.PERMANENT_FAILURE,
        NotificationStatus.VALIDATION_FAILED,
        NotificationStatus.VIRUS_SCAN_FAILED,
    }
)
DELIVERED_STATUSES = frozenset({NotificationStatus.DELIVERED, NotificationStatus.SENT})
# A receipt may only move a notification that is still in flight (Notify's update guard).
UPDATABLE_STATUSES = frozenset(
    {
        NotificationStatus.CREATED,
        NotificationStatus.SENDING,
        NotificationStatus.PENDING,
        NotificationStatus.SENT,
        NotificationStatus.PENDING_VIRUS_CHECK,
    }
)
COMPLETED_STATUSES = frozenset(
    {
        NotificationStatus.SENT,
        NotificationStatus.DELIVERED,
        NotificationStatus.FAILED,
        NotificationStatus.TECHNICAL_FAILURE,
        NotificationStatus.TEMPORARY_FAILURE,
        NotificationStatus.PERMANENT_FAILURE,
        NotificationStatus.RETURNED_LETTER,
        NotificationStatus.CANCELLED,
        NotificationStatus.VALIDATION_FAILED,
    }
)


class KeyType(StrEnum):
    NORMAL = "normal"
    TEAM = "team"
    TEST = "test"


class JobStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in progress"
    FINISHED = "finished"
    FINISHED_ALL_NOTIFICATIONS_CREATED = "finished all notifications created"
    SENDING_LIMITS_EXCEEDED = "sending limits exceeded"
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    READY_TO_SEND = "ready to send"
    SENT_TO_DVLA = "sent to dvla"
    ERROR = "error"


class AuthType(StrEnum):
    SMS = "sms_auth"
    EMAIL = "email_auth"
    WEBAUTHN = "webauthn_auth"


class UserState(StrEnum):
    ACTIVE = "active"
    PENDING = "pending"
    INACTIVE = "inactive"


class ServicePermission(StrEnum):
    SMS = "sms"
    EMAIL = "email"
    LETTER = "letter"
    INTERNATIONAL_SMS = "international_sms"
    INTERNATIONAL_LETTERS = "international_letters"
    INBOUND_SMS = "inbound_sms"
    SCHEDULE_NOTIFICATIONS = "schedule_notifications"
    EMAIL_AUTH = "email_auth"
    UPLOAD_DOCUMENT = "upload_document"
    EDIT_FOLDER_PERMISSIONS = "edit_folder_permissions"
    SMS_TO_UK_LANDLINES = "sms_to_uk_landlines"
    SEND_FILES_VIA_UI = "send_files_via_ui"
    EXTRA_EMAIL_FORMATTING = "extra_email_formatting"
    EXTRA_LETTER_FORMATTING = "extra_letter_formatting"


DEFAULT_SERVICE_PERMISSIONS = frozenset(
    {
        ServicePermission.SMS,
        ServicePermission.EMAIL,
        ServicePermission.LETTER,
        ServicePermission.INTERNATIONAL_SMS,
        ServicePermission.INTERNATIONAL_LETTERS,
    }
)


class UserPermission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_TEMPLATES = "manage_templates"
    MANAGE_SETTINGS = "manage_settings"
    SEND_TEXTS = "send_texts"
    SEND_EMAILS = "send_emails"
    SEND_LETTERS = "send_letters"
    MANAGE_API_KEYS = "manage_api_keys"
    PLATFORM_ADMIN = "platform_admin"
    VIEW_ACTIVITY = "view_activity"
    # The admin app's coarse names, accepted and stored as given (the seed uses them).
    SEND_MESSAGES = "send_messages"
    MANAGE_SERVICE = "manage_service"


class OrganisationType(StrEnum):
    CENTRAL = "central"
    LOCAL = "local"
    NHS_CENTRAL = "nhs_central"
    NHS_LOCAL = "nhs_local"
    NHS_GP = "nhs_gp"
    EMERGENCY_SERVICE = "emergency_service"
    SCHOOL_OR_COLLEGE = "school_or_college"
    OTHER = "other"


class GuestListRecipientType(StrEnum):
    MOBILE = "mobile"
    EMAIL = "email"


class BrandType(StrEnum):
    ORG = "org"
    BOTH = "both"
    ORG_BANNER = "org_banner"
    GOVUK = "govuk"


class Postage(StrEnum):
    FIRST = "first"
    SECOND = "second"
    ECONOMY = "economy"
    EUROPE = "europe"
    REST_OF_WORLD = "rest-of-world"


class LetterLanguage(StrEnum):
    ENGLISH = "english"
    WELSH_THEN_ENGLISH = "welsh_then_english"


class CallbackType(StrEnum):
    DELIVERY_STATUS = "delivery_status"
    COMPLAINT = "complaint"
    RETURNED_LETTER = "returned_letter"
    INBOUND_SMS = "inbound_sms"


DEFAULT_MESSAGE_LIMIT = 999_999_999
DEFAULT_INTERNATIONAL_SMS_LIMIT = 250_000
DEFAULT_RATE_LIMIT = 3000
SMS_CHAR_COUNT_LIMIT = 918
EMAIL_BYTES_LIMIT = 2_000_000
API_PAGE_SIZE = 250
