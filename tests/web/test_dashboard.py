"""A service's dashboard page: a message sent today is drawn in the charts, counted in the totals and its
template listed among the top ones; the page is the service's first."""

from __future__ import annotations

import re

from notify.embedded import Platform

from .conftest import Browser
from .test_sending import send
from .test_templates import new_service, new_template


def test_a_delivered_email_shows_in_the_week_and_the_month(signed_in: Browser, platform: Platform) -> None:
    service_id = new_service(signed_in)
    template_id = new_template(signed_in, service_id, "email", subject="Your tax")
    send(signed_in, service_id, template_id, {"recipient": "ada@example.gov.uk", "field-0": "Ada", "field-1": "Fri"})
    assert f"/admin-ui/services/{service_id}/dashboard\"" in signed_in.get("/admin-ui/").text
    page = signed_in.get(f"/admin-ui/services/{service_id}/dashboard")
    assert page.status_code == 200
    week = re.search(r'id="week-email">(.*?)</div>', page.text, re.S)
    assert week and re.search(r'big-number">1<', week.group(1)) and "1 delivered, 0 failed" in week.group(1)
    today = re.findall(r'<svg id="days-email".*?</svg>', page.text, re.S)[0].split('<g class="bar"')[-1]
    assert 'data-sent="1" data-delivered="1"' in today and 'class="bar-delivered"' in today
    month = re.findall(r'<svg id="months-email".*?</svg>', page.text, re.S)[0].split('<g class="bar"')[-1]
    assert 'data-delivered="1"' in month
    assert re.search(r'id="top-templates".*>Reminder</a>.*<td>1</td>', page.text, re.S)
    assert "Content-Security-Policy" in page.headers and "style=" not in page.text
