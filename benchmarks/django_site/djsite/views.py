"""Async views: under ASGI with Django's async-capable default middleware, no thread hop."""

from django.http import HttpRequest, HttpResponse, JsonResponse


async def plaintext(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, World!", content_type="text/plain")


async def json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "Hello, World!"})
