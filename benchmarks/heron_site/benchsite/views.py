"""Async views (no thread-pool hop), as in the Django peer, so both do the same work."""

from heron.http import HttpRequest, HttpResponse, JsonResponse


async def plaintext(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, World!", content_type="text/plain")


async def json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "Hello, World!"})


async def me(request: HttpRequest) -> HttpResponse:
    user = await request.auser()
    return HttpResponse(user.get_username(), content_type="text/plain")
