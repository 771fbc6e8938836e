"""The PostgreSQL crowd of tests/requests/test_concurrency.py, for the budget and voucher races."""
from tests.requests.test_concurrency import crowd_app  # noqa: F401
