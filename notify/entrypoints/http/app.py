"""The WSGI app: every route in one table, auth and errors installed once."""

from __future__ import annotations

import falcon

from notify.ports.fair_share import FairShare
from notify.usecases.app import Notify

from . import errors
from .admin_notifications import AdminNotificationResources
from .admin_sending import OneOffSendResource
from .api_keys import ApiKeyResources
from .data_retention import DataRetentionResources
from .job_stats import ScheduledJobStatsResource
from .template_usage import TemplateUsageResource
from .auth import AuthMiddleware
from .billing import BillingResources
from .platform_stats import (
    OrganisationUsageResource, PerformanceDashboardResource, PlatformStatsResources, ServiceReportResources,
)
from .branding import EmailBrandingResources, LetterBrandingResources
from .branding_pools import BrandingPoolResources
from .branding_usage import BrandingUsersResource
from .events import EventResource, ProtectedSenderIdResource
from .go_live import GoLiveResources, ReplyToCheckResource
from .callback_apis import CallbackApiResources
from .complaints import ComplaintResources
from .inbound_numbers import InboundNumberResources, InboundSmsSettingsResources
from .returned_letters import ReturnedLetterResources
from .letter_attachments import LetterAttachmentResources
from .uploaded_letters import UploadedLetterResource
from .notify_provider_callbacks import (
    FiretextInboundResource, FiretextReceiptResource, LetterStatusResource, MmgInboundResource, MmgReceiptResource,
)
from .inbound_sms import FakeInboundSmsResource, InboundSmsResources
from .documents import DownloadPageResource
from .openapi import NotifyApp, OpenApiResource, RouteEntry
from .jobs import JobResources
from .letter_contacts import LetterContactResources
from .organisations import OrganisationResources
from .platform_admin import PlatformAdminResources
from .provider_callbacks import FakeProviderCallbackResource
from .provider_webhooks import ProviderWebhookResource
from .providers import ProviderResources
from .senders import EmailReplyToResources, SmsSenderResources
from .services import ServiceResources
from .status import PlatformFactsResources, StatusResource
from .contact_lists import ContactListResources
from .precompiled import PrecompiledResources
from .report_requests import ReportRequestResources
from .template_email_files import TemplateEmailFileResources
from .template_folders import TemplateFolderResources
from .template_statistics import TemplateStatisticsResources
from .uploads import UploadResources
from .webauthn import WebauthnResources
from .unsubscribe import OneClickUnsubscribeResource, UnsubscribeRequestResources
from .templates import TemplateResources
from .users import UserResources
from .v2_notifications import NotificationsResource, ReceivedTextMessagesResource
from .v2_templates import TemplateResource, TemplatesResource
from .verify_codes import VerifyCodeResources
from .accounts import AccountResources
from .join_requests import JoinRequestResources
from .invites import (
    OrganisationInviteLinkResources, OrganisationInviteResources, ServiceInviteLinkResources, ServiceInviteResources,
)


DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024  # emails may carry 2 MB files, base64'd, in personalisation


class BodySizeLimit:
    """413 (in Notify's error format) for a body over the limit, before anything reads it. Waitress has
    buffered the body already, and sets Content-Length for chunked bodies too."""

    def __init__(self, max_bytes: int) -> None:
        self._max = max_bytes

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if "\x00" in req.path or "%00" in req.query_string:  # no store takes NUL in text: refuse it first
            raise falcon.HTTPBadRequest(title="BadRequestError", description="NUL characters are not allowed in URLs")
        if req.content_length is not None and req.content_length > self._max:
            raise falcon.HTTPPayloadTooLarge(
                title="PayloadTooLargeError", description=f"Request body must not be larger than {self._max} bytes")


class Foreground:
    """Marks each request in flight for the process's fair share (first in, so its response hook runs for
    every request, refused ones included): background work here makes way for it."""

    def __init__(self, fair_share: FairShare) -> None:
        self._fair_share = fair_share

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        self._fair_share.foreground_started()

    def process_response(self, req: falcon.Request, resp: falcon.Response, resource: object,
                         req_succeeded: bool) -> None:
        self._fair_share.foreground_ended()


def create_app(notify: Notify, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> NotifyApp:
    foreground = [Foreground(notify.fair_share)] if notify.fair_share is not None else []
    app = NotifyApp(middleware=[*foreground, BodySizeLimit(max_body_bytes), AuthMiddleware(notify)])
    app.req_options.strip_url_path_trailing_slash = True
    errors.install(app)

    status = StatusResource(notify)
    services = ServiceResources(notify)
    users = UserResources(notify)
    organisations = OrganisationResources(notify)
    jobs = JobResources(notify)
    templates = TemplateResources(notify)
    api_keys = ApiKeyResources(notify)
    callback_apis = CallbackApiResources(notify)
    providers = ProviderResources(notify)
    email_branding = EmailBrandingResources(notify)
    letter_branding = LetterBrandingResources(notify)
    sms_senders = SmsSenderResources(notify)
    reply_tos = EmailReplyToResources(notify)
    inbound_sms = InboundSmsResources(notify)
    v2_notifications = NotificationsResource(notify)
    v2_template = TemplateResource(notify)
    routes: list[RouteEntry] = []
    routes += [
        ("/_status", status, None),
        ("/", status, None),
        ("/openapi.json", OpenApiResource(routes), None),
        ("/service", services, None),
        ("/service/find-services-by-name", services, "find"),
        ("/service/{service_id}", services, "item"),
        ("/service/{service_id}/archive", services, "archive"),
        ("/service/{service_id}/users", services, "users"),
        ("/service/{service_id}/users/{user_id}", services, "user"),
        ("/service/{service_id}/history", services, "history"),
        ("/service/{service_id}/guest-list", services, "guest_list"),
        ("/service/{service_id}/statistics", services, "statistics"),
        ("/service/{service_id}/notifications/monthly", services, "monthly"),
        ("/service/{service_id}/job", jobs, None),
        ("/service/{service_id}/job/upload", jobs, "upload"),
        ("/service/{service_id}/job/{job_id}", jobs, "item"),
        ("/service/{service_id}/job/{job_id}/cancel", jobs, "cancel"),
        ("/service/{service_id}/job/{job_id}/cancel-letter-job", jobs, "cancel_letters"),
        ("/service/{service_id}/job/{job_id}/notification_count", jobs, "count"),
        ("/user", users, None),
        ("/user/{user_id}", users, "item"),
        ("/organisations", organisations, None),
        ("/organisations/{organisation_id}", organisations, "item"),
        # The admin API: templates, API keys, users, organisations, providers, branding
        ("/service/{service_id}/template", templates, None),
        ("/service/{service_id}/template/{template_id}", templates, "item"),
        ("/service/{service_id}/template/{template_id}/version/{version}", templates, "version"),
        ("/service/{service_id}/template/{template_id}/versions", templates, "versions"),
        ("/service/{service_id}/template/{template_id}/preview", templates, "preview"),
        ("/service/{service_id}/api-key", api_keys, None),
        ("/service/{service_id}/api-keys", api_keys, "list"),
        ("/service/{service_id}/api-keys/{key_id}", api_keys, "item"),
        ("/service/{service_id}/api-key/revoke/{key_id}", api_keys, "revoke"),
        # service callback APIs (where a service wants delivery receipts and other events posted)
        ("/service/{service_id}/callback-api", callback_apis, None),
        ("/service/{service_id}/callback-api/{callback_api_id}", callback_apis, "item"),
        ("/user/email", users, "email"),
        ("/user/{user_id}/verify/password", users, "password"),
        ("/user/{user_id}/service/{service_id}/permission", users, "permissions"),
        ("/user/{user_id}/organisations-and-services", users, "reach"),
        ("/user/{user_id}/archive", users, "archive"),
        ("/user/{user_id}/activate", users, "activate"),
        ("/user/{user_id}/reset-failed-login-count", users, "reset_failed_logins"),
        ("/organisations/{organisation_id}/service", organisations, "service"),
        ("/organisations/{organisation_id}/services", organisations, "services"),
        ("/organisations/{organisation_id}/users", organisations, "users"),
        ("/organisations/{organisation_id}/users/{user_id}", organisations, "user"),
        ("/provider-details", providers, None),
        ("/provider-details/{provider_id}", providers, "item"),
        ("/provider-details/{provider_id}/versions", providers, "versions"),
        ("/email-branding", email_branding, None),
        ("/email-branding/{branding_id}", email_branding, "item"),
        ("/email-branding/get-name-for-alt-text", email_branding, "name"),
        ("/letter-branding", letter_branding, None),
        ("/letter-branding/{branding_id}", letter_branding, "item"),
        ("/letter-branding/get-unique-name", letter_branding, "name"),
        # senders and inbound text messages
        ("/service/{service_id}/sms-sender", sms_senders, None),
        ("/service/{service_id}/sms-sender/{sms_sender_id}", sms_senders, "item"),
        ("/service/{service_id}/sms-sender/{sms_sender_id}/archive", sms_senders, "archive"),
        ("/service/{service_id}/email-reply-to", reply_tos, None),
        ("/service/{service_id}/email-reply-to/{reply_to_id}", reply_tos, "item"),
        ("/service/{service_id}/email-reply-to/{reply_to_id}/archive", reply_tos, "archive"),
        ("/service/{service_id}/inbound-sms", inbound_sms, None),
        ("/service/{service_id}/inbound-sms/summary", inbound_sms, "summary"),
        ("/service/{service_id}/inbound-sms/{inbound_sms_id}", inbound_sms, "item"),
        # public API (service API keys)
        ("/v2/notifications", v2_notifications, None),
        ("/v2/notifications/sms", v2_notifications, "sms"),
        ("/v2/notifications/email", v2_notifications, "email"),
        ("/v2/notifications/letter", v2_notifications, "letter"),
        ("/v2/notifications/{notification_id}", v2_notifications, "item"),
        ("/v2/template/{template_id}", v2_template, None),
        ("/v2/template/{template_id}/version/{version:int}", v2_template, "version"),
        ("/v2/template/{template_id}/preview", v2_template, "preview"),
        ("/v2/templates", TemplatesResource(notify), None),
        ("/v2/received-text-messages", ReceivedTextMessagesResource(notify), None),
        # provider delivery receipts and inbound texts (no JWT: each provider's own credentials)
        ("/notifications/{notification_type}/fake/{provider}", FakeProviderCallbackResource(notify), None),
        ("/notifications/sms/receive/fake", FakeInboundSmsResource(notify), None),
        ("/provider-callbacks/{provider}", ProviderWebhookResource(notify), None),  # real providers, signed
    ]
    letter_contacts = LetterContactResources(notify)
    downloads = DownloadPageResource(notify)  # files sent by email: no JWT, the link is the credential
    routes += [
        ("/service/{service_id}/letter-contact", letter_contacts, None),
        ("/service/{service_id}/letter-contact/{letter_contact_id}", letter_contacts, "item"),
        ("/service/{service_id}/letter-contact/{letter_contact_id}/archive", letter_contacts, "archive"),
        ("/v2/notifications/{notification_id}/pdf", v2_notifications, "pdf"),
        ("/d/{service_id}/{document_id}", downloads, None),
        ("/d/{service_id}/{document_id}/download", downloads, "download"),
    ]
    admin_notifications = AdminNotificationResources(notify)
    routes += [  # a service's notifications as the admin app reads them
        ("/service/{service_id}/notifications", admin_notifications, None),
        ("/service/{service_id}/notifications/count", admin_notifications, "count"),
        ("/service/{service_id}/notifications/csv", admin_notifications, "csv"),
        ("/service/{service_id}/notifications/{notification_id}", admin_notifications, "item"),
        ("/service/{service_id}/notifications/{notification_id}/cancel", admin_notifications, "cancel"),
        ("/service/{service_id}/job/{job_id}/notifications", admin_notifications, "job"),
        ("/service/{service_id}/job/scheduled-job-stats", ScheduledJobStatsResource(notify), None),
        ("/service/{service_id}/notifications/templates_usage/monthly", TemplateUsageResource(notify), None),
    ]
    data_retention = DataRetentionResources(notify)
    routes += [  # how long each channel's notifications are kept
        ("/service/{service_id}/data-retention", data_retention, None),
        ("/service/{service_id}/data-retention/{data_retention_id}", data_retention, "item"),
        ("/service/{service_id}/data-retention/notification-type/{notification_type}", data_retention, "type"),
    ]
    verify_codes = VerifyCodeResources(notify)  # sign-in codes, sent through the platform's own service
    routes += [
        ("/user/{user_id}/{code_type}-code", verify_codes, None),
        ("/user/{user_id}/verify/code", verify_codes, "verify"),
    ]
    accounts = AccountResources(notify)  # a user's own account: password, search, emails with signed links
    routes += [
        ("/user/{user_id}/update-password", accounts, "password"),
        ("/user/find-users-by-email", accounts, "search"),
        ("/user/reset-password", accounts, "reset"),
        ("/user/{user_id}/email-verification", accounts, "verification"),
        ("/user/{user_id}/change-email-verification", accounts, "change_email"),
        ("/user/{user_id}/email-already-registered", accounts, "already_registered"),
        ("/user/{user_id}/organisation/{organisation_id}/permissions", accounts, "org_permissions"),
    ]
    service_invites, invite_links = ServiceInviteResources(notify), ServiceInviteLinkResources(notify)
    routes += [  # invitations to join a service
        ("/service/{service_id}/invite", service_invites, None),
        ("/service/{service_id}/invite/{invited_user_id}", service_invites, "item"),
        ("/invite/service/{token}", invite_links, None),
        ("/invite/service/check/{token}", invite_links, "check"),
    ]
    org_invites, org_invite_links = OrganisationInviteResources(notify), OrganisationInviteLinkResources(notify)
    routes += [  # invitations to join an organisation's team
        ("/organisation/{organisation_id}/invite", org_invites, None),
        ("/organisation/{organisation_id}/invite/{invited_org_user_id}", org_invites, "item"),
        ("/invite/organisation/{token}", org_invite_links, None),
        ("/invite/organisation/check/{token}", org_invite_links, "check"),
    ]
    join_requests = JoinRequestResources(notify)
    routes += [  # requests to join a service
        ("/service/{service_id}/service-join-request", join_requests, None),
        ("/service/{service_id}/service-join-request/{request_id}", join_requests, "item"),
    ]
    platform_facts = PlatformFactsResources(notify)
    routes += [
        ("/_status/live-service-and-organisation-counts", platform_facts, "live_counts"),
        ("/sms-rate", platform_facts, "sms_rate"),
        ("/letter-rates", platform_facts, "letter_rates"),
        ("/service/{service_id}/organisation", services, "organisation"),
    ]
    complaints = ComplaintResources(notify)
    routes += [
        ("/complaint", complaints, None),
        ("/complaint/count-by-date-range", complaints, "count"),
    ]
    routes += [  # organisations: found by an email domain or part of the name, archived
        ("/organisations/by-domain", organisations, "by_domain"),
        ("/organisations/search", organisations, "search"),
        ("/organisations/{organisation_id}/archive", organisations, "archive"),
    ]
    platform_admin = PlatformAdminResources(notify)
    routes += [("/platform-admin/find-by-uuid", platform_admin, "find"),
               ("/platform-admin/users-list", platform_admin, "users")]
    routes.append(("/service/{service_id}/inbound-sms/most-recent", inbound_sms, "most_recent"))
    routes += [  # who uses a branding
        ("/email-branding/{branding_id}/orgs_and_services", BrandingUsersResource(notify, "email"), None),
        ("/letter-branding/{branding_id}/orgs_and_services", BrandingUsersResource(notify, "letter"), None),
    ]
    template_folders = TemplateFolderResources(notify)
    routes += [  # folders that group a service's templates, each seen by the team members given it
        ("/service/{service_id}/template-folder", template_folders, None),
        ("/service/{service_id}/template-folder/contents", template_folders, "top"),
        ("/service/{service_id}/template-folder/{template_folder_id}", template_folders, "item"),
        ("/service/{service_id}/template-folder/{template_folder_id}/contents", template_folders,
         "contents"),
    ]
    contact_lists, report_requests = ContactListResources(notify), ReportRequestResources(notify)
    email_files = TemplateEmailFileResources(notify)
    routes += [  # saved recipient lists, reports made in the background, files sent as links in emails
        ("/service/{service_id}/contact-list", contact_lists, None),
        ("/service/{service_id}/contact-list/{contact_list_id}", contact_lists, "item"),
        ("/service/{service_id}/report-request", report_requests, None),
        ("/service/{service_id}/report-request/{request_id}", report_requests, "item"),
        ("/service/{service_id}/templates/{template_id}/template_email_files", email_files, None),
        ("/service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}", email_files,
         "item"),
        ("/service/{service_id}/templates/{template_id}/template_email_files/{template_email_file_id}/archive",
         email_files, "archive"),
    ]
    inbound_numbers, inbound_settings = InboundNumberResources(notify), InboundSmsSettingsResources(notify)
    routes += [  # the pool of numbers services are texted on
        ("/inbound-number", inbound_numbers, None),
        ("/inbound-number/available", inbound_numbers, "available"),
        ("/inbound-number/service/{service_id}", inbound_numbers, "service"),
        ("/inbound-number/service/{service_id}/off", inbound_numbers, "off"),
        ("/service/{service_id}/inbound-sms/most-recent-usage", inbound_settings, "usage"),
        ("/service/{service_id}/inbound-sms/remove", inbound_settings, "remove"),
    ]
    billing = BillingResources(notify)
    routes += [  # a service's free text message allowance and what it used
        ("/service/{service_id}/billing/free-sms-fragment-limit", billing, "free_allowance"),
        ("/service/{service_id}/billing/monthly-usage", billing, "monthly_usage"),
        ("/service/{service_id}/billing/yearly-usage-summary", billing, "yearly_usage"),
    ]
    routes += [  # receipts and texts in the formats of Notify's own providers (no JWT: each provider's credentials)
        ("/notifications/sms/mmg", MmgReceiptResource(notify), None),
        ("/notifications/sms/firetext", FiretextReceiptResource(notify), None),
        ("/notifications/sms/receive/mmg", MmgInboundResource(notify), None),
        ("/notifications/sms/receive/firetext", FiretextInboundResource(notify), None),
        ("/notifications/letter/status", LetterStatusResource(notify), None),
    ]
    template_statistics, uploads, precompiled = (TemplateStatisticsResources(notify), UploadResources(notify),
                                                 PrecompiledResources(notify))
    routes += [  # how templates were used lately; what a team uploaded; precompiled letters
        ("/service/{service_id}/template-statistics", template_statistics, None),
        ("/service/{service_id}/template-statistics/last-used/{template_id}", template_statistics, "last_used"),
        ("/service/{service_id}/upload", uploads, None),
        ("/service/{service_id}/upload/uploaded-letters/{letter_print_date}", uploads, "letters"),
        ("/service/{service_id}/template/precompiled", precompiled, None),
        ("/service/{service_id}/template/preview/{notification_id}/{file_type}", precompiled, "preview"),
    ]
    unsubscribe_requests = UnsubscribeRequestResources(notify)
    routes += [  # one-click unsubscribe: mail clients post the link (no JWT: the link is the credential)
        ("/unsubscribe/{notification_id}/{token}", OneClickUnsubscribeResource(notify), None),
        ("/service/{service_id}/unsubscribe-request-statistics", unsubscribe_requests, "statistics"),
        ("/service/{service_id}/unsubscribe-request-reports-summary", unsubscribe_requests, "summary"),
        ("/service/{service_id}/create-unsubscribe-request-report", unsubscribe_requests, "create"),
        ("/service/{service_id}/process-unsubscribe-request-report/{batch_id}", unsubscribe_requests, "process"),
        ("/service/{service_id}/unsubscribe-request-report/{batch_id}", unsubscribe_requests, "report"),
    ]
    returned_letters = ReturnedLetterResources(notify)
    routes += [  # letters the printer reports returned to sender
        ("/letters/returned", returned_letters, None),
        ("/service/{service_id}/returned-letter-statistics", returned_letters, "statistics"),
        ("/service/{service_id}/returned-letter-summary", returned_letters, "summary"),
        ("/service/{service_id}/returned-letters", returned_letters, "letters"),
    ]
    platform_stats, service_reports = PlatformStatsResources(notify), ServiceReportResources(notify)
    routes += [  # the platform's statistics and billing reports, from the daily facts
        ("/platform-stats", platform_stats, None),
        ("/platform-stats/daily-volumes-report", platform_stats, "daily_volumes"),
        ("/platform-stats/daily-sms-provider-volumes-report", platform_stats, "provider_volumes"),
        ("/platform-stats/volumes-by-service", platform_stats, "service_volumes"),
        ("/platform-stats/data-for-billing-report", platform_stats, "billing_report"),
        ("/platform-stats/data-for-dvla-billing-report", platform_stats, "letters_report"),
        ("/performance-dashboard", PerformanceDashboardResource(notify), None),
        ("/service/live-services-data", service_reports, "live"),
        ("/service/monthly-data-by-service", service_reports, "monthly"),
        ("/organisations/{organisation_id}/services-with-usage", OrganisationUsageResource(notify), None),
    ]
    letter_attachments = LetterAttachmentResources(notify)
    routes += [  # pages printed after a letter template's own
        ("/letter-attachment", letter_attachments, None),
        ("/letter-attachment/{letter_attachment_id}", letter_attachments, "item"),
        ("/letter-attachment/{letter_attachment_id}/archive", letter_attachments, "archive"),
    ]
    webauthn = WebauthnResources(notify)
    routes += [  # users' security keys
        ("/user/{user_id}/webauthn", webauthn, None),
        ("/user/{user_id}/webauthn/{webauthn_credential_id}", webauthn, "item"),
        ("/user/{user_id}/complete/webauthn-login", webauthn, "login"),
    ]
    routes.append(("/service/{service_id}/send-pdf-letter", UploadedLetterResource(notify), None))
    routes.append(("/service/{service_id}/send-notification", OneOffSendResource(notify), None))
    branding_pools = BrandingPoolResources(notify)
    routes += [  # the brandings an organisation's services are offered; archiving one; audit events
        ("/organisations/{organisation_id}/email-branding-pool", branding_pools, "email"),
        ("/organisations/{organisation_id}/email-branding-pool/{email_branding_id}", branding_pools, "email_item"),
        ("/organisations/{organisation_id}/letter-branding-pool", branding_pools, "letter"),
        ("/organisations/{organisation_id}/letter-branding-pool/{letter_branding_id}", branding_pools,
         "letter_item"),
        ("/email-branding/{branding_id}/archive", email_branding, "archive"),
        ("/events", EventResource(notify), None),
        ("/protected-sender-id/check", ProtectedSenderIdResource(notify), None),
    ]
    go_live = GoLiveResources(notify)
    routes += [  # emails about a request to go live, and checking a reply-to address, from the platform service
        ("/organisations/notify-users-of-request-to-go-live/{service_id}", go_live, "request"),
        ("/organisations/notify-org-member-about-next-steps-of-go-live-request/{service_id}", go_live,
         "next_steps"),
        ("/organisations/notify-service-member-of-rejected-go-live-request/{service_id}", go_live, "rejected"),
        ("/service/{service_id}/email-reply-to/verify", ReplyToCheckResource(notify), None),
    ]
    for path, resource, suffix in routes:
        app.add_route(path, resource, suffix=suffix) if suffix else app.add_route(path, resource)
    app.route_table = tuple(routes)
    return app
