"""The v2 pipeline fixtures (a store per backend, frozen clock, a service with templates) for the fast tests."""

from tests.v2.conftest import fakes, notify, world  # noqa: F401
