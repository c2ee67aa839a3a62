"""The compiled replace and the id generator make exactly what attrs.evolve and
uuid.UUID(bytes=..., version=4) make."""

from __future__ import annotations

import pickle
import uuid
from datetime import datetime, timezone

import attrs
import pytest

from notify.domain.replace import replacer
from notify.adapters.system import Uuid4Generator
from notify.domain.constants import NotificationStatus, NotificationType
from notify.domain.notification import Notification


def test_ids_are_random_version_4_uuids_like_the_standard_constructor_makes() -> None:
    ids = [Uuid4Generator().new() for _ in range(300)]
    assert len(set(ids)) == 300
    for made in ids:
        parsed = uuid.UUID(str(made))
        assert (made.version, made.variant) == (4, uuid.RFC_4122)
        assert made == parsed and hash(made) == hash(parsed) and made.is_safe is parsed.is_safe
        assert uuid.UUID(bytes=made.bytes, version=4) == made
        assert pickle.loads(pickle.dumps(made)) == made


def test_replace_makes_what_evolve_makes() -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    notification = Notification(id=uuid.uuid4(), service_id=uuid.uuid4(), template_id=uuid.uuid4(),
                                template_version=3, notification_type=NotificationType.SMS, to="07700900123",
                                created_at=now, personalisation={"name": "Ada"}, reference="ref")
    moved = replacer(Notification, "status", "updated_at")(notification, NotificationStatus.DELIVERED, now)
    assert moved == attrs.evolve(notification, status=NotificationStatus.DELIVERED, updated_at=now)
    assert notification.status is NotificationStatus.CREATED  # the original is untouched


def test_replace_refuses_a_field_the_class_does_not_have() -> None:
    with pytest.raises(TypeError, match="no field colour"):
        replacer(Notification, "status", "colour")


def test_one_generator_never_repeats_an_id_across_its_batches() -> None:
    generator = Uuid4Generator(batch=8)
    ids = [generator.new() for _ in range(100)]
    assert len(set(ids)) == 100
    assert all((made.version, made.variant) == (4, uuid.RFC_4122) for made in ids)


@attrs.frozen
class _Checked:
    name: str
    size: int = attrs.field(validator=attrs.validators.ge(0))


def test_replace_runs_the_validators_of_a_class_that_has_them() -> None:
    resize = replacer(_Checked, "size")
    assert resize(_Checked("a", 1), 5) == _Checked("a", 5)
    with pytest.raises(ValueError):
        resize(_Checked("a", 1), -1)
