"""Ports: the Protocols the core needs from the outside world. Domain types only."""
