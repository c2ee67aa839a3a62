"""SQL storage (PostgreSQL in production, SQLite embedded) over SQLAlchemy Core."""

from .crypto import Cipher
from .engine import EngineOptions, create_engine
from .unit_of_work import SqlAlchemyUnitOfWork

__all__ = ["Cipher", "EngineOptions", "SqlAlchemyUnitOfWork", "create_engine"]
