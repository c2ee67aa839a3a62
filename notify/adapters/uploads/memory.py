"""Uploads in a dict (tests)."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from uuid import UUID

from notify.domain.job import UploadNotFound
from notify.ports.uploads import Upload


class InMemoryUploadStore:
    def __init__(self) -> None:
        self._uploads: dict[tuple[UUID, UUID], Upload] = {}
        self._lock = threading.Lock()

    def put(self, service_id: UUID, upload_id: UUID, data: bytes, metadata: Mapping[str, str]) -> None:
        with self._lock:
            self._uploads[(service_id, upload_id)] = Upload(bytes(data), dict(metadata))

    def get(self, service_id: UUID, upload_id: UUID) -> Upload:
        with self._lock:
            found = self._uploads.get((service_id, upload_id))
        if found is None:
            raise UploadNotFound()
        return found

    def delete(self, service_id: UUID, upload_id: UUID) -> None:
        with self._lock:
            self._uploads.pop((service_id, upload_id), None)

    def list(self, service_id: UUID) -> Sequence[tuple[UUID, Mapping[str, str]]]:
        with self._lock:
            return [(upload_id, dict(upload.metadata)) for (owner, upload_id), upload in self._uploads.items()
                    if owner == service_id]
