"""An upload store that encrypts what it keeps (AES-256-GCM under NOTIFY_SECRET_KEY, as the SQL store's secret
columns): files sent by email and letter PDFs hold personal data, and the disk need not see it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from notify.ports.uploads import Upload, UploadStore

from ..sqlalchemy.crypto import Cipher


class EncryptedUploadStore:
    def __init__(self, inner: UploadStore, cipher: Cipher) -> None:
        self._inner = inner
        self._cipher = cipher

    def put(self, service_id: UUID, upload_id: UUID, data: bytes, metadata: Mapping[str, str]) -> None:
        sealed = self._cipher.encrypt_bytes(data).encode("ascii")
        self._inner.put(service_id, upload_id, sealed, {k: self._cipher.encrypt(v) for k, v in metadata.items()})

    def get(self, service_id: UUID, upload_id: UUID) -> Upload:
        found = self._inner.get(service_id, upload_id)
        return Upload(self._cipher.decrypt_bytes(found.data.decode("ascii"), "upload"), self._open(found.metadata))

    def delete(self, service_id: UUID, upload_id: UUID) -> None:
        self._inner.delete(service_id, upload_id)

    def list(self, service_id: UUID) -> Sequence[tuple[UUID, Mapping[str, str]]]:
        return [(upload_id, self._open(metadata)) for upload_id, metadata in self._inner.list(service_id)]

    def _open(self, metadata: Mapping[str, str]) -> dict[str, str]:
        return {k: self._cipher.decrypt(v, "upload metadata") for k, v in metadata.items()}
