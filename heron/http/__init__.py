"""HTTP for Heron: requests, responses, cookies, headers, multipart and uploads.

The room, module by module::

    request.py       HttpRequest (lazy GET/POST/FILES/COOKIES, host and proxy checks)
    body.py          read_body(): the ASGI body within the limits -> RequestBody
    config.py        RequestConfig: the settings requests need, read once
    querystring.py   strict urlencoded parsing
    datastructures.py MultiValueDict, QueryDict
    headers.py       Headers (request), ResponseHeaders (response)
    multipart.py     multipart/form-data parsing (python-multipart + Heron's limits)
    uploads.py       UploadedFile
    cookies.py       Cookie parsing, Set-Cookie building
    response.py      HttpResponseBase, HttpResponse, JsonResponse, status shortcuts
    redirects.py     HttpResponseRedirect, HttpResponsePermanentRedirect
    streaming.py     StreamingHttpResponse
    fileresponse.py  FileResponse (conditional GET, byte ranges)
    exceptions.py    HttpError and its family (each carries status_code)
"""

from .body import RequestBody as RequestBody
from .body import read_body as read_body
from .config import RequestConfig as RequestConfig
from .datastructures import MultiValueDict as MultiValueDict
from .datastructures import MultiValueDictKeyError as MultiValueDictKeyError
from .datastructures import QueryDict as QueryDict
from .exceptions import BadHeaderError as BadHeaderError
from .exceptions import BadRequest as BadRequest
from .exceptions import ClientDisconnected as ClientDisconnected
from .exceptions import DisallowedHost as DisallowedHost
from .exceptions import DisallowedRedirect as DisallowedRedirect
from .exceptions import Http404 as Http404
from .exceptions import HttpError as HttpError
from .exceptions import PermissionDenied as PermissionDenied
from .exceptions import RequestDataTooBig as RequestDataTooBig
from .exceptions import SuspiciousOperation as SuspiciousOperation
from .exceptions import TooManyFieldsSent as TooManyFieldsSent
from .exceptions import TooManyFilesSent as TooManyFilesSent
from .fileresponse import FileResponse as FileResponse
from .headers import Headers as Headers
from .headers import ResponseHeaders as ResponseHeaders
from .redirects import HttpResponsePermanentRedirect as HttpResponsePermanentRedirect
from .redirects import HttpResponseRedirect as HttpResponseRedirect
from .request import HttpRequest as HttpRequest
from .response import HttpResponse as HttpResponse
from .response import HttpResponseBadRequest as HttpResponseBadRequest
from .response import HttpResponseBase as HttpResponseBase
from .response import HttpResponseForbidden as HttpResponseForbidden
from .response import HttpResponseGone as HttpResponseGone
from .response import HttpResponseNotAllowed as HttpResponseNotAllowed
from .response import HttpResponseNotFound as HttpResponseNotFound
from .response import HttpResponseNotModified as HttpResponseNotModified
from .response import HttpResponseServerError as HttpResponseServerError
from .response import JsonResponse as JsonResponse
from .streaming import StreamingHttpResponse as StreamingHttpResponse
from .uploads import UploadedFile as UploadedFile

__all__ = [
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
