"""Emails about a service's request to go live, and the reply-to address check, on the wire."""

from __future__ import annotations

from attrs import define

from .fields import required


@define(kw_only=True)
class AddressToCheck:
    email: str = required(max_length=320, not_blank=True)


@define(kw_only=True)
class NextSteps:
    to: str = required(max_length=320, not_blank=True)
    service_name: str = required(max_length=255)
    body: str = required(max_length=10000)


@define(kw_only=True)
class Rejection:
    name: str = required(max_length=255)
    service_name: str = required(max_length=255)
    organisation_name: str = required(max_length=255)
    reason: str = required(max_length=10000)
    organisation_team_member_name: str = required(max_length=255)
    organisation_team_member_email: str = required(max_length=320)
