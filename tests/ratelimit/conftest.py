"""The cache backends of tests/cache, for counters that must hold on each of them."""

from tests.cache.conftest import bounded_setup as bounded_setup
from tests.cache.conftest import cache_setup as cache_setup
from tests.cache.conftest import shared_setup as shared_setup
from tests.db.conftest import _drop_test_databases as _drop_test_databases
