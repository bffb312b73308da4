"""A pytest plugin (``-p rightstrack.pytest_bootstrap`` in pyproject.toml): plugins named with ``-p`` are
imported before pytest-django loads the settings, so the development key exists by then.

It also lets the test run keep compiled bytecode where ``PYTHONDONTWRITEBYTECODE`` is set (as on the shared
development machine): otherwise every run, every xdist worker and every process a test starts compiles
rightstrack's modules and rewrites the tests' asserts again, about 10 s of CPU a worker. The files go to
``__pycache__/`` (ignored by git) beside the sources, as Python does by default; the processes the tests start
read them.
"""

import sys

from rightstrack.bootstrap import prepare

sys.dont_write_bytecode = False
prepare()
