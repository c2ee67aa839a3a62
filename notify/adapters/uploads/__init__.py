"""Upload store adapters: the file system (default) and memory (tests)."""

from .filesystem import FileSystemUploadStore
from .memory import InMemoryUploadStore

__all__ = ["FileSystemUploadStore", "InMemoryUploadStore"]
