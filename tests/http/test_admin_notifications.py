"""A service's notifications through the admin API: the filtered, paged list, one notification, the count,
and a job's notifications; another service's ids are not found, bad filters are 400s."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from notify.domain.constants import KeyType, NotificationStatus as S, NotificationType as T
from notify.domain.job import Job
from notify.domain.notification import Notification
from notify.domain.service import Service
from notify.domain.template import Template
from notify.usecases.app import Notify

from .. import factories
from ..conftest import AdminClient
from ..fakes import FrozenClock


@pytest.fixture
def service(notify: Notify) -> Service:
    return factories.create_service(notify)


@pytest.fixture
def template(notify: Notify, service: Service) -> Template:
    return factories.create_template(notify, service)


def store(notify: Notify, template: Template, *notifications: Notification) -> list[Notification]:
    with notify.uow() as uow:
        uow.notifications.add_many(list(notifications))
        uow.commit()
    return list(notifications)


def sent(template: Template, clock: FrozenClock, minutes_ago: int = 0, **overrides: Any) -> Notification:
    return factories.notification(template.service_id, template_id=template.id,
                                  template_version=template.version, personalisation={"name": "Ada"},
                                  created_at=clock.now() - timedelta(minutes=minutes_ago), **overrides)


def ids(result: Any) -> list[str]:
    assert result.status_code == 200, result.json
    return [n["id"] for n in result.json["notifications"]]


def test_the_list_is_newest_first_with_the_template_shown(admin: AdminClient, notify: Notify, service: Service,
                                                          template: Template, clock: FrozenClock) -> None:
    older, newer = store(notify, template, sent(template, clock, 5), sent(template, clock, 1))
    result = admin.get(f"/service/{service.id}/notifications")
    assert ids(result) == [str(newer.id), str(older.id)]
    first = result.json["notifications"][0]
    assert first["template"]["id"] == str(template.id) and first["template"]["content"] == template.content
    assert first["to"] == newer.to and first["status"] == "created" and first["notification_type"] == "sms"
    assert first["personalisation"] == {"name": "Ada"} and first["job"] is None
    assert result.json["page_size"] == 50 and result.json["links"] == {}


def test_pages_say_whether_another_follows(admin: AdminClient, notify: Notify, service: Service,
                                           template: Template, clock: FrozenClock) -> None:
    rows = store(notify, template, *(sent(template, clock, m) for m in range(5)))
    base = f"/service/{service.id}/notifications"
    first = admin.get(base, params={"page_size": 2})
    assert ids(first) == [str(rows[0].id), str(rows[1].id)] and first.json["links"] == {"next": True}
    last = admin.get(base, params={"page_size": 2, "page": 3})
    assert ids(last) == [str(rows[4].id)] and last.json["links"] == {"prev": True}
    assert admin.get(base, params={"page_size": 2, "count_pages": "false"}).json["links"] == {}


def test_filters_by_status_channel_job_test_key_and_days(admin: AdminClient, notify: Notify, service: Service,
                                                         template: Template, clock: FrozenClock) -> None:
    email = factories.create_template(notify, service, template_type="email")
    job = job_for(notify, template, clock)
    delivered, failed, by_job, test_key, old, mail = store(
        notify, template,
        sent(template, clock, status=S.DELIVERED), sent(template, clock, status=S.PERMANENT_FAILURE),
        sent(template, clock, job_id=job.id, job_row_number=0), sent(template, clock, key_type=KeyType.TEST),
        sent(template, clock, 60 * 24 * 3), sent(email, clock, notification_type=T.EMAIL, to="a@example.gov.uk"))
    base = f"/service/{service.id}/notifications"
    assert ids(admin.get(base, params={"status": "delivered"})) == [str(delivered.id)]
    assert ids(admin.get(base, params={"status": "failed"})) == [str(failed.id)]
    assert ids(admin.get(base, params={"template_type": "email"})) == [str(mail.id)]
    assert str(by_job.id) not in ids(admin.get(base, params={"include_jobs": "false"}))
    assert str(test_key.id) not in ids(admin.get(base))
    assert str(test_key.id) in ids(admin.get(base, params={"include_from_test_key": "true"}))
    assert str(old.id) not in ids(admin.get(base, params={"limit_days": 1}))
    assert str(old.id) in ids(admin.get(base, params={"limit_days": 7}))


def test_one_notification_whatever_key_sent_it(admin: AdminClient, notify: Notify, service: Service,
                                               template: Template, clock: FrozenClock) -> None:
    [notification] = store(notify, template, sent(template, clock, key_type=KeyType.TEST))
    result = admin.get(f"/service/{service.id}/notifications/{notification.id}")
    assert result.status_code == 200
    assert result.json["id"] == str(notification.id) and result.json["key_type"] == "test"
    assert result.json["template"]["version"] == template.version


def test_another_services_notifications_are_not_found(admin: AdminClient, notify: Notify, service: Service,
                                                      template: Template, clock: FrozenClock) -> None:
    [notification] = store(notify, template, sent(template, clock))
    other = factories.create_service(notify)
    assert admin.get(f"/service/{other.id}/notifications/{notification.id}").status_code == 404
    assert ids(admin.get(f"/service/{other.id}/notifications")) == []
    assert admin.get(f"/service/{uuid4()}/notifications").status_code == 404
    assert admin.get(f"/service/{uuid4()}/notifications/count").status_code == 404


@pytest.mark.parametrize("params", [{"page": 0}, {"page": "x"}, {"page_size": 0}, {"page_size": 10**6},
                                    {"status": "lost"}, {"template_type": "fax"}, {"include_jobs": "perhaps"},
                                    {"limit_days": -1}])
def test_bad_filters_are_400s(admin: AdminClient, service: Service, params: dict[str, Any]) -> None:
    result = admin.get(f"/service/{service.id}/notifications", params=params)
    assert result.status_code == 400, result.json
    assert result.json["result"] == "error"


def test_bad_ids_are_400s_not_500s(admin: AdminClient, service: Service) -> None:
    assert admin.get(f"/service/{service.id}/notifications/not-a-uuid").status_code == 400
    assert admin.get("/service/not-a-uuid/notifications").status_code == 400


def test_the_count_covers_seven_days_unless_told(admin: AdminClient, notify: Notify, service: Service,
                                                 template: Template, clock: FrozenClock) -> None:
    store(notify, template, sent(template, clock), sent(template, clock, 60 * 24 * 10),
          sent(template, clock, key_type=KeyType.TEST))
    base = f"/service/{service.id}/notifications/count"
    assert admin.get(base).json == {"notifications_sent_count": 1}
    assert admin.get(base, params={"limit_days": 30}).json == {"notifications_sent_count": 2}
    assert admin.get(base, params={"template_type": "email"}).json == {"notifications_sent_count": 0}


def job_for(notify: Notify, template: Template, clock: FrozenClock) -> Job:
    job = Job(id=uuid4(), service_id=template.service_id, template_id=template.id,
              template_version=template.version, original_file_name="people.csv", notification_count=3,
              created_at=clock.now())
    with notify.uow() as uow:
        uow.jobs.add(job)
        uow.commit()
    return job


def test_a_jobs_notifications_with_total_and_links(admin: AdminClient, notify: Notify, service: Service,
                                                    template: Template, clock: FrozenClock) -> None:
    job = job_for(notify, template, clock)
    rows = store(notify, template, *(sent(template, clock, row, job_id=job.id, job_row_number=row)
                                     for row in range(3)), sent(template, clock))
    base = f"/service/{service.id}/job/{job.id}/notifications"
    result = admin.get(base, params={"page_size": 2})
    assert ids(result) == [str(rows[0].id), str(rows[1].id)]
    assert result.json["total"] == 3
    assert result.json["links"] == {"next": f"{base}?page=2", "last": f"{base}?page=2"}
    assert result.json["notifications"][0]["job"] == {"id": str(job.id), "original_file_name": "people.csv"}
    other = factories.create_service(notify)
    assert admin.get(f"/service/{other.id}/job/{job.id}/notifications").status_code == 404


@pytest.fixture
def letter_template(notify: Notify, service: Service) -> Template:
    return factories.create_template(notify, service, template_type="letter")


def letter(template: Template, clock: FrozenClock, **overrides: Any) -> Notification:
    return sent(template, clock, notification_type=T.LETTER, to="Ada Lovelace", postage="second", **overrides)


def test_a_letter_is_cancelled_before_its_print_run(admin: AdminClient, notify: Notify, service: Service,
                                                    letter_template: Template, clock: FrozenClock) -> None:
    [notification] = store(notify, letter_template, letter(letter_template, clock))
    path = f"/service/{service.id}/notifications/{notification.id}/cancel"
    result = admin.post(path)
    assert result.status_code == 200, result.json
    assert result.json["id"] == str(notification.id) and result.json["status"] == "cancelled"
    assert admin.get(f"/service/{service.id}/notifications/{notification.id}").json["status"] == "cancelled"
    again = admin.post(path)
    assert again.status_code == 400 and again.json["message"] == "This letter has already been cancelled."


def test_too_late_once_printing_started(admin: AdminClient, notify: Notify, service: Service,
                                        letter_template: Template, clock: FrozenClock) -> None:
    [notification] = store(notify, letter_template, letter(letter_template, clock))  # 13:00 London, a Monday
    clock.advance(hours=5)
    result = admin.post(f"/service/{service.id}/notifications/{notification.id}/cancel")
    assert result.status_code == 400
    assert result.json["message"] == "It’s too late to cancel this letter. Printing started today at 5.30pm"
    clock.advance(days=1)
    later = admin.post(f"/service/{service.id}/notifications/{notification.id}/cancel")
    assert later.json["message"] == "It’s too late to cancel this letter. Printing started on 15 June at 5.30pm"


def test_only_a_services_own_letters_are_cancelled(admin: AdminClient, notify: Notify, service: Service,
                                                   template: Template, letter_template: Template,
                                                   clock: FrozenClock) -> None:
    text, paper = store(notify, template, sent(template, clock), letter(letter_template, clock))
    refused = admin.post(f"/service/{service.id}/notifications/{text.id}/cancel")
    assert refused.status_code == 400
    assert refused.json["message"] == "Notification cannot be cancelled - only letters can be cancelled"
    sending = store(notify, letter_template, letter(letter_template, clock, status=S.SENDING))[0]
    stuck = admin.post(f"/service/{service.id}/notifications/{sending.id}/cancel")
    assert stuck.status_code == 400 and stuck.json["message"].startswith("We could not cancel this letter.")
    other = factories.create_service(notify)
    missing = admin.post(f"/service/{other.id}/notifications/{paper.id}/cancel")
    assert missing.status_code == 404 and missing.json["message"] == "Notification not found"
    assert admin.get(f"/service/{service.id}/notifications/{paper.id}").json["status"] == "created"


def test_the_csv_download_reads_in_batches(admin: AdminClient, notify: Notify, service: Service,
                                           template: Template, clock: FrozenClock) -> None:
    job = job_for(notify, template, clock)
    first, second, third = store(
        notify, template, sent(template, clock, 1, status=S.PERMANENT_FAILURE, client_reference="ref-1"),
        sent(template, clock, 2, job_id=job.id, job_row_number=4), sent(template, clock, 3))
    base = f"/service/{service.id}/notifications/csv"
    page = admin.get(base, params={"page_size": 2})
    assert page.status_code == 200 and page.json["page_size"] == 2
    rows = page.json["notifications"]
    assert [r["id"] for r in rows] == [str(first.id), str(second.id)]
    assert rows[0]["status"] == "Phone number doesn’t exist" and rows[0]["client_reference"] == "ref-1"
    assert rows[0]["row_number"] == "" and rows[0]["created_at"] == "2026-06-15 12:59:00"  # London time
    assert rows[1]["row_number"] == 5 and rows[1]["job_name"] == "people.csv"
    assert rows[0]["template_name"] == template.name and rows[0]["template_type"] == "sms"
    after = admin.post(base, params={"page_size": 2, "older_than": str(second.id)})
    assert [r["id"] for r in after.json["notifications"]] == [str(third.id)]
    other = factories.create_service(notify)
    assert admin.get(f"/service/{other.id}/notifications/csv", params={"older_than": str(first.id)}).status_code == 404


def test_search_by_part_of_a_recipient(admin: AdminClient, notify: Notify, service: Service,
                                       template: Template, clock: FrozenClock) -> None:
    email = factories.create_template(notify, service, template_type="email")
    phone, mail = store(notify, template, sent(template, clock),
                        sent(email, clock, notification_type=T.EMAIL, to="Ada@Example.gov.uk",
                             normalised_to="ada@example.gov.uk"))
    base = f"/service/{service.id}/notifications"
    assert ids(admin.get(base, params={"to": "07700 900123"})) == [str(phone.id)]
    assert ids(admin.get(base, params={"to": "ADA@example"})) == [str(mail.id)]
    assert ids(admin.get(base, params={"to": "100%"})) == []
    assert admin.get(base, params={"to": "x" * 1001}).status_code == 400
