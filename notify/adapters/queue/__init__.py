"""Delivery queue adapters."""

from .in_process import InProcessDeliveryQueue, SynchronousDeliveryQueue
from .jobs_in_process import InProcessJobRunner

__all__ = ["InProcessDeliveryQueue", "InProcessJobRunner", "SynchronousDeliveryQueue"]
