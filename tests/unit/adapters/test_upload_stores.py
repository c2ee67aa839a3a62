"""Every upload store keeps, hands back, lists and deletes alike: in memory, as files, and encrypted on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

import pytest

from notify.adapters.sqlalchemy import Cipher
from notify.adapters.uploads import FileSystemUploadStore, InMemoryUploadStore
from notify.adapters.uploads.encrypted import EncryptedUploadStore
from notify.domain.job import UploadNotFound
from notify.ports.uploads import UploadStore

STORES: dict[str, Callable[[Path], UploadStore]] = {
    "memory": lambda _: InMemoryUploadStore(),
    "files": lambda root: FileSystemUploadStore(root),
    "encrypted files": lambda root: EncryptedUploadStore(FileSystemUploadStore(root), Cipher(["k"])),
}


@pytest.mark.parametrize("kind", STORES)
def test_uploads_are_listed_per_service_without_their_data_and_deleted(kind: str, tmp_path: Path) -> None:
    store = STORES[kind](tmp_path)
    service, other = uuid4(), uuid4()
    first, second, theirs = uuid4(), uuid4(), uuid4()
    store.put(service, first, b"a,b\n1,2\n", {"expires_at": "2026-01-01T00:00:00+00:00"})
    store.put(service, second, b"%PDF", {"content_type": "application/pdf"})
    store.put(other, theirs, b"x", {})

    assert sorted(store.list(service), key=lambda x: str(x[0])) == sorted(
        [(first, {"expires_at": "2026-01-01T00:00:00+00:00"}), (second, {"content_type": "application/pdf"})],
        key=lambda x: str(x[0]))
    assert store.get(service, first).data == b"a,b\n1,2\n"
    store.delete(service, first)
    store.delete(service, first)  # gone already: nothing to do
    assert [upload_id for upload_id, _ in store.list(service)] == [second]
    assert [upload_id for upload_id, _ in store.list(uuid4())] == []
    with pytest.raises(UploadNotFound):
        store.get(service, first)
