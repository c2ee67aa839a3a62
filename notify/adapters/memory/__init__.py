"""In-memory storage: the fast store for tests and for apps that embed the domain."""

from .store import InMemoryStore
from .unit_of_work import InMemoryUnitOfWork

__all__ = ["InMemoryStore", "InMemoryUnitOfWork"]
