"""A test app for the worker processes of tests/test_lost_worker.py (the job and outbox are in work.py)."""
