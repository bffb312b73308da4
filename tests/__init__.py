"""The cross-app test suite (a package, so its module names cannot clash with tests/foundation's)."""
