"""Adapters: concrete implementations of the ports, grouped by technology."""
