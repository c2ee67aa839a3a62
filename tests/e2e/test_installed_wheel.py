"""notify as a user gets it: a wheel built from the repository, installed (not editable) into a fresh
virtualenv outside the checkout, runs `notify serve` on a SQLite file (its migrations inside the package),
and a downstream app's tests run on `import notify` and the pytest plugin alone.

The fresh virtualenv gets notify's dependencies from this interpreter's site-packages through a path file
(no index is needed, and the checkout is not on that path: nothing of notify comes from it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import free_port

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("notify", "migrations", "setup.py", "pyproject.toml", "README.md")

DOWNSTREAM_TEST = '''
import notify


def _send(platform, count):
    owner = platform.create_user(name="Ada", email_address="ada@example.gov.uk", password="a long password",
                                 mobile_number="07700900123")
    service = platform.create_service(name="Shop", owner=owner, restricted=False)
    template = platform.create_template(service, name="Order", type="sms", content="Order ((number)) shipped")
    key = platform.create_api_key(service)
    return key, [platform.send_sms(key, to="07700900456", template=template, personalisation={"number": n})
                 for n in range(count)]


def test_orders_are_delivered(notify_platform, notify_outbox):
    key, sent = _send(notify_platform, 3)
    assert [notify_platform.get_notification(key, n.id).status for n in sent] == ["delivered"] * 3
    assert [m.content for m in notify_outbox.sms] == [f"Shop: Order {n} shipped" for n in range(3)]


def test_a_provider_failure_is_reported(notify_platform, notify_providers):
    notify_providers.script("447700900456", "permanent-failure")
    key, [sent] = _send(notify_platform, 1)
    assert notify_platform.get_notification(key, sent.id).status == notify.NotificationStatus.PERMANENT_FAILURE


def test_trial_mode_is_enforced(notify_platform):
    owner = notify_platform.create_user(name="Bo", email_address="bo@example.gov.uk", password="a long password")
    service = notify_platform.create_service(name="Trial", owner=owner)
    template = notify_platform.create_template(service, name="T", type="sms", content="Hi")
    try:
        notify_platform.send_sms(notify_platform.create_api_key(service), to="07700900456", template=template)
    except notify.InvalidRequest as refused:
        assert "trial mode" in refused.message
    else:
        raise AssertionError("a trial service sent to a stranger")


def test_the_http_api_is_signed_for(notify_platform, notify_http):
    key, [sent] = _send(notify_platform, 1)
    assert notify_http.api(key).get(f"/v2/notifications/{sent.id}").json["status"] == "delivered"
'''


def _run(*args: str | Path, cwd: Path, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NOTIFY_", "PYTHON", "COV_CORE", "COVERAGE_"))}
    return subprocess.run([str(a) for a in args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with notify installed from a freshly built wheel; returns its bin directory."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, source / name)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", root / "dist",
                 source, cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (root / "dist").glob("notify-*.whl")

    venv = root / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=root).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[kind] for kind in ("purelib", "platlib"))
    Path(site, "notify_test_dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    install = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel,
                   cwd=root)
    assert install.returncode == 0, install.stdout + install.stderr
    return venv / "bin"


def test_the_installed_package_is_the_wheels_not_the_checkouts(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "python", "-c", "import notify, notify.testing; print(notify.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent) and not str(REPO) in where.stdout
    migrations = installed.parent.glob("lib/python*/site-packages/notify/migrations/versions/0001_*.py")
    assert list(migrations)


def test_notify_serve_from_the_wheel_migrates_a_sqlite_file_and_answers_status(installed: Path,
                                                                               tmp_path: Path) -> None:
    current = _run(installed / "notify", "db", "upgrade", cwd=tmp_path,
                   NOTIFY_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert current.returncode == 0 and "at " in current.stdout, current.stdout + current.stderr

    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTIFY_", "PYTHON", "COV_CORE", "COVERAGE_"))}
    server = subprocess.Popen([installed / "notify", "serve", "--port", str(port)], cwd=tmp_path, stdout=log,
                              stderr=subprocess.STDOUT,
                              env={**env, "NOTIFY_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite'}"})
    try:
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline and status is None and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_status", timeout=1) as response:
                    status = response.status
            except OSError:
                time.sleep(0.2)
        assert status == 200, (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (tmp_path / "serve.sqlite").exists()


def test_a_downstream_apps_tests_run_on_import_notify_and_the_plugin(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "test_downstream.py").write_text(DOWNSTREAM_TEST)
    result = _run(installed / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_downstream.py",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_a_start_up_failure_is_one_line_and_a_non_zero_exit(installed: Path, tmp_path: Path) -> None:
    result = _run(installed / "notify", "serve", cwd=tmp_path, NOTIFY_DATABASE_URL="nonsense://x")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("notify: "), result.stderr
