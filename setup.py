"""What pyproject.toml cannot say: the Alembic migrations stay at the repository root (where `alembic` and
developers expect them) and ship inside the installed package as `notify/migrations`, so an installed
`notify db upgrade` / `notify serve` finds them."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["notify", "notify.*"]) + ["notify.migrations", "notify.migrations.versions"],
    package_dir={"notify.migrations": "migrations"},
    package_data={"notify": ["py.typed"],
                  "notify.entrypoints.web": ["templates/*.html", "static/*"], "notify.migrations": ["script.py.mako"]},
)
