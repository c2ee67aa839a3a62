"""Entrypoints: the ways in (HTTP today)."""
