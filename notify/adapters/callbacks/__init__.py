"""Callback adapters: posting to services' callback URLs (HTTP, and a fake for tests), and the background
runner the posts wait in."""

from .background import BackgroundTaskRunner
from .fake import FakeCallbackSender, ManualTaskRunner
from .http import UrllibCallbackSender

__all__ = ["BackgroundTaskRunner", "FakeCallbackSender", "ManualTaskRunner", "UrllibCallbackSender"]
