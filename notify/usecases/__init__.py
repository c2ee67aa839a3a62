"""Use cases: one function per action, each owning one unit of work and its commit."""
