import heron.http


def test_public_names_are_pinned():
    assert sorted(heron.http.__all__) == sorted(
        [
            "BadHeaderError",
            "BadRequest",
            "ClientDisconnected",
            "DisallowedHost",
            "DisallowedRedirect",
            "FileResponse",
            "Headers",
            "Http404",
            "HttpError",
            "HttpRequest",
            "HttpResponse",
            "HttpResponseBadRequest",
            "HttpResponseBase",
            "HttpResponseForbidden",
            "HttpResponseGone",
            "HttpResponseNotAllowed",
            "HttpResponseNotFound",
            "HttpResponseNotModified",
            "HttpResponsePermanentRedirect",
            "HttpResponseRedirect",
            "HttpResponseServerError",
            "JsonResponse",
            "MultiValueDict",
            "MultiValueDictKeyError",
            "PermissionDenied",
            "QueryDict",
            "RequestBody",
            "RequestConfig",
            "RequestDataTooBig",
            "ResponseHeaders",
            "StreamingHttpResponse",
            "SuspiciousOperation",
            "TooManyFieldsSent",
            "TooManyFilesSent",
            "UploadedFile",
            "read_body",
        ]
    )
    for name in heron.http.__all__:
        assert getattr(heron.http, name) is not None


def test_exceptions_carry_status_codes():
    codes = {
        name: getattr(heron.http, name).status_code
        for name in (
            "BadRequest",
            "SuspiciousOperation",
            "DisallowedHost",
            "DisallowedRedirect",
            "TooManyFieldsSent",
            "TooManyFilesSent",
            "RequestDataTooBig",
            "PermissionDenied",
            "Http404",
        )
    }
    assert codes == {
        "BadRequest": 400,
        "SuspiciousOperation": 400,
        "DisallowedHost": 400,
        "DisallowedRedirect": 400,
        "TooManyFieldsSent": 400,
        "TooManyFilesSent": 400,
        "RequestDataTooBig": 413,
        "PermissionDenied": 403,
        "Http404": 404,
    }
    assert str(heron.http.Http404()) == "Not Found"
    assert str(heron.http.Http404("No poll 3.")) == "No poll 3."
