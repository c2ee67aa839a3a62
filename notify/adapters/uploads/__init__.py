"""Upload store adapters: the file system (default) and memory (tests); `encrypted` wraps either (it needs the
SQL store's cipher, so it is imported on its own)."""

from .filesystem import FileSystemUploadStore
from .memory import InMemoryUploadStore

__all__ = ["FileSystemUploadStore", "InMemoryUploadStore"]
