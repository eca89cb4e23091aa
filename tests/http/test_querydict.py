import pytest

from heron.http import BadRequest, MultiValueDict, QueryDict, TooManyFieldsSent
from heron.http.datastructures import MultiValueDictKeyError

# MultiValueDict


def test_item_access_returns_the_last_value_and_getlist_all():
    d = MultiValueDict({"a": ["1", "2"], "b": ["3"]})
    assert d["a"] == "2"
    assert d.getlist("a") == ["1", "2"]
    assert d.get("a") == "2"
    assert d.get("missing") is None
    assert d.get("missing", "x") == "x"
    assert d.getlist("missing") == []


def test_missing_key_raises_a_key_error_subclass():
    d = MultiValueDict()
    with pytest.raises(MultiValueDictKeyError) as info:
        d["nope"]
    assert isinstance(info.value, KeyError)


def test_setlist_appendlist_and_set_replace():
    d: MultiValueDict[str] = MultiValueDict()
    d.appendlist("a", "1")
    d.appendlist("a", "2")
    assert d.getlist("a") == ["1", "2"]
    d["a"] = "3"
    assert d.getlist("a") == ["3"]
    d.setlist("a", ["4", "5"])
    assert list(d.lists()) == [("a", ["4", "5"])]
    assert list(d.items()) == [("a", "5")]
    assert d.dict() == {"a": "5"}


def test_update_appends_instead_of_replacing():
    d = MultiValueDict({"a": ["1"]})
    d.update({"a": "2"})
    d.update(MultiValueDict({"a": ["3", "4"]}))
    assert d.getlist("a") == ["1", "2", "3", "4"]


def test_getlist_returns_a_copy_and_copy_is_independent():
    d = MultiValueDict({"a": ["1"]})
    d.getlist("a").append("x")
    clone = d.copy()
    clone.appendlist("a", "2")
    assert d.getlist("a") == ["1"]
    assert clone.getlist("a") == ["1", "2"]


# QueryDict parsing


def test_parses_repeated_keys_plus_as_space_and_blank_values():
    q = QueryDict.from_query_string(b"a=1&a=2&b=hello+world&c&d=&&e=%C3%A9t%C3%A9")
    assert q.getlist("a") == ["1", "2"]
    assert q["b"] == "hello world"
    assert q["c"] == ""
    assert q["d"] == ""
    assert q["e"] == "été"
    assert list(q) == ["a", "b", "c", "d", "e"]


def test_semicolon_is_not_a_separator():
    assert QueryDict("a=1;b=2")["a"] == "1;b=2"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [("a=%zz", "%zz"), ("a=%4", "%4"), ("%=1", "%=1"), ("a=ok&b=1%G0", "%G0")],
)
def test_malformed_percent_encoding_is_a_bad_request(query, fragment):
    with pytest.raises(BadRequest) as info:
        QueryDict.from_query_string(query)
    assert str(info.value) == (
        f"The query string has malformed percent-encoding: {fragment!r} is not '%' followed "
        "by two hex digits."
    )


def test_invalid_utf8_after_decoding_is_a_bad_request():
    with pytest.raises(BadRequest) as info:
        QueryDict.from_query_string(b"name=caf%E9")
    assert str(info.value) == (
        "The query string is not valid utf-8 after percent-decoding: 'name=caf%E9'."
    )


def test_raw_invalid_utf8_bytes_are_a_bad_request():
    with pytest.raises(BadRequest, match="not valid utf-8"):
        QueryDict.from_query_string(b"name=caf\xe9")


def test_form_body_source_is_named_in_messages():
    with pytest.raises(BadRequest) as info:
        QueryDict.from_query_string(b"a=%zz", source="form body")
    assert str(info.value).startswith("The form body has malformed percent-encoding")


def test_too_many_fields():
    QueryDict.from_query_string("a=1&b=2&&&", max_fields=2)
    with pytest.raises(TooManyFieldsSent) as info:
        QueryDict.from_query_string("a=1&b=2&c=3", max_fields=2)
    assert str(info.value) == (
        "Too many query string fields: more than DATA_UPLOAD_MAX_NUMBER_FIELDS (2)."
    )
    assert info.value.status_code == 400


# QueryDict mutability and encoding


def test_query_dict_is_immutable_until_copied():
    q = QueryDict("a=1")
    for mutate in (
        lambda: q.__setitem__("a", "2"),
        lambda: q.appendlist("a", "2"),
        lambda: q.setlist("a", []),
        lambda: q.update({"b": "1"}),
        lambda: q.pop("a"),
        lambda: q.clear(),
        lambda: q.setdefault("z", "1"),
    ):
        with pytest.raises(AttributeError) as info:
            mutate()
        assert str(info.value) == (
            "This QueryDict is immutable (request.GET and request.POST are); "
            "call .copy() to get a mutable one."
        )
    mutable = q.copy()
    mutable["a"] = "2"
    assert mutable.mutable and not q.mutable
    assert q["a"] == "1" and mutable["a"] == "2"


def test_urlencode_round_trips():
    q = QueryDict(mutable=True)
    q.setlist("a", ["1", "2"])
    q["next"] = "/a b/?x=é&y"
    encoded = q.urlencode()
    assert encoded == "a=1&a=2&next=%2Fa+b%2F%3Fx%3D%C3%A9%26y"
    assert QueryDict(encoded) == q
    assert q.urlencode(safe="/") == "a=1&a=2&next=/a%20b/%3Fx%3D%C3%A9%26y"


def test_empty_query_dict():
    q = QueryDict.from_query_string(b"")
    assert len(q) == 0 and not q
    assert repr(q) == "<QueryDict: {}>"
