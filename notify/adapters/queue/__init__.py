"""Delivery queue adapters."""

from .in_process import InProcessDeliveryQueue, SynchronousDeliveryQueue

__all__ = ["InProcessDeliveryQueue", "SynchronousDeliveryQueue"]
