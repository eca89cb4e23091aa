from ipaddress import ip_network

import pytest

from heron.conf import ImproperlyConfigured, Settings, settings
from heron.http import RequestConfig
from heron.http.config import current_config


def test_from_settings_reads_every_request_setting():
    config = RequestConfig.from_settings(
        Settings(
            environ={},
            DEBUG=False,
            SECRET_KEY="x",
            ALLOWED_HOSTS=["Example.COM.", ".example.org"],
            TRUSTED_PROXIES=["10.0.0.1", "192.168.0.0/16"],
            DATA_UPLOAD_MAX_MEMORY_SIZE=1,
            DATA_UPLOAD_MAX_NUMBER_FIELDS=2,
            DATA_UPLOAD_MAX_NUMBER_FILES=3,
            FILE_UPLOAD_MAX_MEMORY_SIZE=4,
            FILE_UPLOAD_MAX_SIZE=5,
            FILE_UPLOAD_TEMP_DIR="/tmp",
            DEFAULT_CHARSET="latin-1",
        )
    )
    assert config == RequestConfig(
        debug=False,
        allowed_hosts=("example.com", ".example.org"),
        trusted_proxies=(ip_network("10.0.0.1"), ip_network("192.168.0.0/16")),
        data_upload_max_memory_size=1,
        data_upload_max_number_fields=2,
        data_upload_max_number_files=3,
        file_upload_max_memory_size=4,
        file_upload_max_size=5,
        file_upload_temp_dir="/tmp",
        default_charset="latin-1",
    )
    assert config.host_patterns == ("example.com", ".example.org")


def test_debug_without_allowed_hosts_allows_localhost_only():
    assert RequestConfig.default().host_patterns == (".localhost", "127.0.0.1", "[::1]")
    assert RequestConfig(debug=False).host_patterns == ()


def test_bad_trusted_proxy_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured) as info:
        RequestConfig(trusted_proxies=("10.0.0.1", "proxy.internal"))
    assert str(info.value) == (
        "TRUSTED_PROXIES entry 'proxy.internal' is not an IP address or network; "
        "write e.g. '10.0.0.1' or '10.0.0.0/8'."
    )


@pytest.fixture
def configured():
    previous = settings._wrapped
    yield settings.configure
    settings._install(previous)


def test_current_config_follows_the_settings(configured):
    configured(DEBUG=True, ALLOWED_HOSTS=["a.test"])
    assert current_config().allowed_hosts == ("a.test",)
    configured(DEBUG=True, ALLOWED_HOSTS=["b.test"])
    assert current_config().allowed_hosts == ("b.test",)
