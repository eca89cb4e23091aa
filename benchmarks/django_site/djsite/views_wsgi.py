"""Sync views: what a Django project on gunicorn sync workers runs."""

from django.http import HttpRequest, HttpResponse, JsonResponse


def plaintext(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, World!", content_type="text/plain")


def json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "Hello, World!"})


def me(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.user.get_username(), content_type="text/plain")
