"""A pytest plugin (``-p rightstrack.pytest_bootstrap`` in pyproject.toml): plugins named with ``-p`` are
imported before pytest-django loads the settings, so the development key exists by then."""

from rightstrack.bootstrap import prepare

prepare()
