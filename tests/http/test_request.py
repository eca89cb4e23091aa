import pytest

from heron.http import (
    BadRequest,
    DisallowedHost,
    HttpRequest,
    QueryDict,
    RequestConfig,
    RequestDataTooBig,
    TooManyFieldsSent,
)

PROXY = RequestConfig(allowed_hosts=("*",), trusted_proxies=("10.0.0.1", "192.168.0.0/16"))


# Construction is lazy


def test_a_plain_get_parses_nothing_until_asked(make_scope):
    request = HttpRequest(make_scope("get", "/polls/", query_string="%zz"))
    assert request.method == "GET"
    assert request.path == request.path_info == "/polls/"
    assert request.resolver_match is None
    assert request.url_kwargs == {}
    for lazy in ("headers", "GET", "POST", "FILES", "COOKIES"):
        assert lazy not in vars(request)
    with pytest.raises(BadRequest):  # the bad query string only matters when read
        _ = request.GET


def test_requests_accept_extra_attributes(make_request):
    request = make_request()
    request.user = "alice"
    request.session = {}
    assert request.user == "alice"


def test_root_path_is_prefixed_to_path(make_scope):
    mounted = HttpRequest(make_scope(path="/polls/", root_path="/app"))
    assert (mounted.path, mounted.path_info) == ("/app/polls/", "/polls/")
    # Servers that already include root_path in path are understood too.
    included = HttpRequest(make_scope(path="/app/polls/", root_path="/app"))
    assert (included.path, included.path_info) == ("/app/polls/", "/polls/")


# Headers, query string, cookies


def test_headers_are_case_insensitive_and_repeated_ones_joined(make_request):
    request = make_request(
        headers=[("Accept", "text/html"), ("accept", "*/*"), ("Cookie", "a=1"), ("cookie", "b=2")]
    )
    assert request.headers["ACCEPT"] == "text/html, */*"
    assert request.headers.getlist("accept") == ["text/html", "*/*"]
    assert request.headers["cookie"] == "a=1; b=2"
    assert request.COOKIES == {"a": "1", "b": "2"}
    assert "x-missing" not in request.headers
    assert request.headers.get("x-missing") is None


def test_get_is_a_query_dict(make_request):
    request = make_request(query_string=b"q=heron&page=2&page=3")
    assert isinstance(request.GET, QueryDict)
    assert request.GET["q"] == "heron"
    assert request.GET.getlist("page") == ["2", "3"]


def test_get_counts_fields(make_request):
    config = RequestConfig(debug=True, data_upload_max_number_fields=2)
    request = make_request(query_string="a=1&b=2&c=3", config=config)
    with pytest.raises(TooManyFieldsSent):
        _ = request.GET


def test_cookies_skip_malformed_pairs(make_request):
    request = make_request(headers={"Cookie": 'good=1; bad; =x; quoted="a b"; last=2'})
    assert request.COOKIES == {"good": "1", "quoted": "a b", "last": "2"}


# Body, forms and JSON


def test_urlencoded_post(make_request):
    request = make_request(
        "POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=b"choice=3&tags=a&tags=b",
    )
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.POST["choice"] == "3"
    assert request.POST.getlist("tags") == ["a", "b"]
    assert len(request.FILES) == 0


def test_urlencoded_post_is_strict(make_request):
    request = make_request(
        "POST", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=b"a=%zz"
    )
    with pytest.raises(BadRequest) as info:
        _ = request.POST
    assert str(info.value) == (
        "The form body has malformed percent-encoding: '%zz' is not '%' followed by two hex digits."
    )


def test_urlencoded_post_counts_fields(make_request):
    config = RequestConfig(debug=True, data_upload_max_number_fields=1)
    request = make_request(
        "POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=b"a=1&b=2",
        config=config,
    )
    with pytest.raises(TooManyFieldsSent) as info:
        _ = request.POST
    assert str(info.value) == "Too many form fields: more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1)."


def test_urlencoded_post_honours_the_charset_parameter(make_request):
    request = make_request(
        "POST",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=latin-1"},
        body=b"name=caf%E9",
    )
    assert request.encoding == "latin-1"
    assert request.POST["name"] == "café"


def test_other_content_types_give_an_empty_post(make_request):
    request = make_request("POST", headers={"Content-Type": "application/json"}, body=b"{}")
    assert request.content_type == "application/json"
    assert dict(request.POST) == {}


def test_content_params(make_request):
    request = make_request(headers={"Content-Type": 'Text/HTML; Charset="utf-8"'})
    assert request.content_type == "text/html"
    assert request.content_params == {"charset": "utf-8"}


def test_json(make_request):
    request = make_request("POST", body=b'{"votes": [1, 2]}')
    assert request.json() == {"votes": [1, 2]}


def test_invalid_json_is_a_bad_request(make_request):
    with pytest.raises(BadRequest) as info:
        make_request("POST", body=b"{nope").json()
    assert str(info.value).startswith("The request body is not valid JSON: ")


def test_json_of_an_empty_body_is_a_bad_request(make_request):
    with pytest.raises(BadRequest) as info:
        make_request("POST").json()
    assert str(info.value) == "The request body is empty; expected JSON."


def test_body_given_as_bytes_is_still_limited(make_request):
    config = RequestConfig(debug=True, data_upload_max_memory_size=4)
    request = make_request("POST", body=b"12345", config=config)
    with pytest.raises(RequestDataTooBig) as info:
        _ = request.body
    assert str(info.value) == "The request body is 5 bytes, over DATA_UPLOAD_MAX_MEMORY_SIZE (4)."


# Hosts


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        (("example.com",), "example.com"),
        (("example.com",), "EXAMPLE.com:8000"),
        (("example.com",), "example.com."),
        ((".example.com",), "example.com"),
        ((".example.com",), "www.example.com"),
        ((".example.com",), "a.b.example.com:443"),
        (("*",), "anything.test"),
        (("[::1]",), "[::1]:8000"),
    ],
)
def test_allowed_hosts_patterns(make_request, allowed, host):
    request = make_request(headers={"Host": host}, config=RequestConfig(allowed_hosts=allowed))
    assert request.get_host() == host


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        (("example.com",), "www.example.com"),
        ((".example.com",), "badexample.com"),
        ((".example.com",), "example.com.evil.com"),
        ((), "localhost"),
    ],
)
def test_hosts_not_allowed(make_request, allowed, host):
    request = make_request(headers={"Host": host}, config=RequestConfig(allowed_hosts=allowed))
    with pytest.raises(DisallowedHost):
        request.get_host()


def test_disallowed_host_message(make_request):
    request = make_request(
        headers={"Host": "evil.com"}, config=RequestConfig(allowed_hosts=("example.com",))
    )
    with pytest.raises(DisallowedHost) as info:
        request.get_host()
    assert str(info.value) == (
        "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS."
    )
    assert info.value.status_code == 400


def test_malformed_host_message(make_request):
    request = make_request(
        headers={"Host": "evil.com/x"}, config=RequestConfig(allowed_hosts=("*",))
    )
    with pytest.raises(DisallowedHost) as info:
        request.get_host()
    assert str(info.value) == (
        "Invalid HTTP_HOST header: 'evil.com/x'. The domain name provided is not valid "
        "according to RFC 1034/1035."
    )


@pytest.mark.parametrize("host", ["localhost:8000", "api.localhost", "127.0.0.1", "[::1]:8000"])
def test_debug_with_no_allowed_hosts_allows_localhost(make_request, host):
    request = make_request(headers={"Host": host}, config=RequestConfig(debug=True))
    assert request.get_host() == host


def test_debug_with_no_allowed_hosts_refuses_other_hosts(make_request):
    request = make_request(headers={"Host": "example.com"}, config=RequestConfig(debug=True))
    with pytest.raises(DisallowedHost):
        request.get_host()


def test_host_falls_back_to_the_server(make_request):
    request = make_request(server=("localhost", 8000), config=RequestConfig(debug=True))
    assert request.get_host() == "localhost:8000"
    assert request.get_port() == "8000"


# Proxies


def test_forwarded_headers_from_an_untrusted_peer_are_ignored(make_request):
    request = make_request(
        headers={
            "Host": "example.com",
            "X-Forwarded-For": "1.2.3.4",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "evil.com",
        },
        client=("203.0.113.9", 1234),
        config=PROXY,
    )
    assert request.client_ip == "203.0.113.9"
    assert request.scheme == "http" and not request.is_secure()
    assert request.get_host() == "example.com"


def test_forwarded_headers_from_a_trusted_proxy_are_honoured(make_request):
    request = make_request(
        headers={
            "Host": "internal:8000",
            "X-Forwarded-For": "6.6.6.6, 1.2.3.4, 192.168.1.7",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "example.com",
            "X-Forwarded-Port": "443",
        },
        client=("10.0.0.1", 1234),
        config=PROXY,
    )
    # The right-most address that is not a trusted proxy: 6.6.6.6 may be forged.
    assert request.client_ip == "1.2.3.4"
    assert request.scheme == "https" and request.is_secure()
    assert request.get_host() == "example.com"
    assert request.get_port() == "443"
    assert request.build_absolute_uri("/x") == "https://example.com/x"


def test_trusted_networks_match_cidrs(make_request):
    request = make_request(
        headers={"X-Forwarded-For": "1.2.3.4"}, client=("192.168.44.2", 1), config=PROXY
    )
    assert request.client_ip == "1.2.3.4"


def test_client_ip_without_proxies(make_request):
    assert make_request(client=("198.51.100.1", 1)).client_ip == "198.51.100.1"
    assert make_request(client=None).client_ip is None


def test_https_scheme_from_the_server(make_request):
    request = make_request(scheme="https", server=("localhost", 443))
    assert request.is_secure()
    assert request.get_host() == "localhost"


# URLs


def test_get_full_path_escapes_the_path(make_request):
    request = make_request(path="/caf\u00e9 x/", query_string=b"a=1&b=%20")
    assert request.get_full_path() == "/caf%C3%A9%20x/?a=1&b=%20"


def test_build_absolute_uri(make_request):
    request = make_request(path="/polls/1/", query_string="page=2", headers={"Host": "localhost"})
    assert request.build_absolute_uri() == "http://localhost/polls/1/?page=2"
    assert request.build_absolute_uri("vote/") == "http://localhost/polls/1/vote/"
    assert request.build_absolute_uri("../") == "http://localhost/polls/"
    assert request.build_absolute_uri("/about/") == "http://localhost/about/"
    assert request.build_absolute_uri("https://other.test/x") == "https://other.test/x"


def test_repr(make_request):
    assert repr(make_request("POST", "/a", query_string="b=1")) == "<HttpRequest: POST '/a?b=1'>"
