"""Uploads as files: `{root}/service-{service_id}-notify/{upload_id}.csv` and its metadata beside it as JSON.
Written to a temporary name and renamed, so a reader never sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from uuid import UUID

from notify.domain.job import UploadNotFound
from notify.ports.uploads import Upload


class FileSystemUploadStore:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def _folder(self, service_id: UUID) -> Path:
        return self.root / f"service-{UUID(str(service_id))}-notify"

    def _path(self, service_id: UUID, upload_id: UUID) -> Path:
        return self._folder(service_id) / f"{UUID(str(upload_id))}.csv"

    def put(self, service_id: UUID, upload_id: UUID, data: bytes, metadata: Mapping[str, str]) -> None:
        path = self._path(service_id, upload_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = path.with_suffix(".json")
        for target, content in ((path, data), (meta, json.dumps(dict(metadata)).encode())):
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, target)

    def get(self, service_id: UUID, upload_id: UUID) -> Upload:
        path = self._path(service_id, upload_id)
        try:
            return Upload(path.read_bytes(), json.loads(path.with_suffix(".json").read_text()))
        except FileNotFoundError:
            raise UploadNotFound() from None

    def delete(self, service_id: UUID, upload_id: UUID) -> None:
        path = self._path(service_id, upload_id)
        for target in (path, path.with_suffix(".json")):
            target.unlink(missing_ok=True)

    def list(self, service_id: UUID) -> Sequence[tuple[UUID, Mapping[str, str]]]:
        found = []
        for meta in sorted(self._folder(service_id).glob("*.json")):
            try:
                found.append((UUID(meta.stem), json.loads(meta.read_text())))
            except (ValueError, FileNotFoundError):  # not an upload's, or deleted meanwhile
                continue
        return found
