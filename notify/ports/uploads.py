"""The upload store: where a spreadsheet waits between its upload and the job that sends it
(Notify's S3 bucket `service-{id}-notify/{job_id}.csv` with its metadata)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol
from uuid import UUID

from attrs import frozen


@frozen
class Upload:
    data: bytes
    metadata: Mapping[str, str]  # template_id, original_file_name, notification_count, valid ("True"), ...


class UploadStore(Protocol):
    def put(self, service_id: UUID, upload_id: UUID, data: bytes, metadata: Mapping[str, str]) -> None: ...
    def get(self, service_id: UUID, upload_id: UUID) -> Upload:
        """Raises notify.domain.job.UploadNotFound."""
        ...
    def delete(self, service_id: UUID, upload_id: UUID) -> None: ...
    def list(self, service_id: UUID) -> Sequence[tuple[UUID, Mapping[str, str]]]:
        """Every upload the service has here, as (id, metadata), without the data: for the nightly purge."""
        ...
