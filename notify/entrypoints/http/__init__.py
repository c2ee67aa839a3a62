"""The Falcon HTTP entrypoint: Notify's public v2 API and admin API."""

from .app import create_app

__all__ = ["create_app"]
