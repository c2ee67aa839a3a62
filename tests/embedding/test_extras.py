"""Celery is an extra (`notify[celery]`): without it, what needs it says how to install it, in one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

WITHOUT_CELERY = "import sys; sys.modules['celery'] = None; from notify.__main__ import main; sys.exit(main({}))"


@pytest.mark.parametrize("argv", [["worker"], ["serve", "--port", "1"]])
def test_a_queue_url_without_celery_installed_says_how_to_install_it(argv: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOTIFY_")}
    result = subprocess.run([sys.executable, "-c", WITHOUT_CELERY.format(argv)], capture_output=True, text=True,
                            timeout=60, env={**env, "NOTIFY_QUEUE_URL": "amqp://guest:guest@127.0.0.1:5672//",
                                             "NOTIFY_DATABASE_URL": "memory"})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line == ("notify: NOTIFY_QUEUE_URL needs Celery, which is not installed (no celery): "
                    "pip install 'notify[celery]'")


def test_the_core_loads_without_celery() -> None:
    script = ("import sys; sys.modules['celery'] = sys.modules['kombu'] = None\n"
              "import notify, notify.bootstrap, notify.entrypoints.http, notify.testing.plugin\n"
              "notify.in_memory(password_rounds=4).close()")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
