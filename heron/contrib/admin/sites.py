"""``AdminSite``: the registry of ModelAdmins and the site-level pages (index, app index,
sign-in, sign-out). ``site`` is the default instance that ``admin.register`` fills.

``path("admin/", admin.site.urls)`` mounts it under the instance namespace ``site.name``
(``"admin"``), so pages reverse as ``admin:index`` and
``admin:<app_label>_<model_name>_changelist`` / ``_add`` / ``_change`` / ``_delete`` /
``_history``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from heron.apps import apps
from heron.conf import ImproperlyConfigured
from heron.contrib.auth.redirects import safe_next_url
from heron.http import Http404, HttpResponseRedirect, PermissionDenied
from heron.templates import render
from heron.urls import include, path, reverse

from .actions import delete_selected
from .models import LogEntry
from .options import ModelAdmin

__all__ = [
    "AdminSite",
    "AlreadyRegistered",
    "NotRegistered",
    "autodiscover",
    "register",
    "site",
]

_A = TypeVar("_A", bound=type[ModelAdmin])


class AlreadyRegistered(ImproperlyConfigured):
    """A model was registered twice on one site."""


class NotRegistered(ImproperlyConfigured):
    """``unregister`` named a model that is not registered."""


class AdminSite:
    """A set of registered models and the pages that manage them."""

    site_header = "Heron administration"
    site_title = "Heron site admin"
    index_title = "Site administration"
    site_url: str | None = "/"
    index_template: str | None = None
    app_index_template: str | None = None
    login_template: str | None = None

    def __init__(self, name: str = "admin") -> None:
        self.name = name
        self._registry: dict[Any, ModelAdmin] = {}
        self._actions: dict[str, Callable[..., Any]] = {"delete_selected": delete_selected}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.name}>"

    # -- registration -----------------------------------------------------------------------

    def register(self, model_or_iterable: Any, admin_class: type[ModelAdmin] | None = None) -> None:
        """Show ``model`` (or each model of an iterable) with ``admin_class``'s options."""
        admin_class = admin_class or ModelAdmin
        models = (
            model_or_iterable if isinstance(model_or_iterable, Iterable) else [model_or_iterable]
        )
        for model in models:
            meta = getattr(model, "_meta", None)
            if meta is None or meta.abstract:
                raise ImproperlyConfigured(
                    f"admin.site.register({model!r}): only concrete model classes can be "
                    "registered."
                )
            if model in self._registry:
                raise AlreadyRegistered(
                    f"{meta.label} is already registered on {self!r} "
                    f"(by {type(self._registry[model]).__qualname__}); unregister it first."
                )
            self._registry[model] = admin_class(model, self)

    def unregister(self, model_or_iterable: Any) -> None:
        models = (
            model_or_iterable if isinstance(model_or_iterable, Iterable) else [model_or_iterable]
        )
        for model in models:
            if model not in self._registry:
                raise NotRegistered(f"{model._meta.label} is not registered on {self!r}.")
            del self._registry[model]

    def is_registered(self, model: Any) -> bool:
        return model in self._registry

    def get_model_admin(self, model: Any) -> ModelAdmin:
        try:
            return self._registry[model]
        except KeyError:
            raise NotRegistered(f"{model._meta.label} is not registered on {self!r}.") from None

    # -- actions ----------------------------------------------------------------------------

    def add_action(self, action: Callable[..., Any], name: str | None = None) -> None:
        """Offer ``action`` on every changelist of this site."""
        self._actions[name or action.__name__] = action

    def disable_action(self, name: str) -> None:
        del self._actions[name]

    def get_action(self, name: str) -> Callable[..., Any] | None:
        return self._actions.get(name)

    @property
    def actions(self) -> list[Callable[..., Any]]:
        return list(self._actions.values())

    # -- access -----------------------------------------------------------------------------

    def has_permission(self, request: Any) -> bool:
        """Whether the request may see the admin at all: an active staff user."""
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_active and user.is_staff)

    def admin_view(self, view: Callable[..., Any]) -> Callable[..., Any]:
        """Send visitors who are not active staff to the sign-in page (``next`` kept)."""

        @wraps(view)
        def inner(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not self.has_permission(request):
                login_url = reverse(f"{self.name}:login")
                return HttpResponseRedirect(
                    f"{login_url}?{urlencode({'next': request.get_full_path()})}"
                )
            response = view(request, *args, **kwargs)
            response.headers.setdefault("Cache-Control", "private, no-store")
            return response

        return inner

    def each_context(self, request: Any) -> dict[str, Any]:
        """What every admin page sees: titles, the site URL, the apps this user may open."""
        allowed = self.has_permission(request)
        return {
            "site": self,
            "site_header": self.site_header,
            "site_title": self.site_title,
            "site_url": self.site_url,
            "admin_name": self.name,
            "has_permission": allowed,
            "available_apps": self.get_app_list(request) if allowed else [],
        }

    def get_app_list(self, request: Any, app_label: str | None = None) -> list[dict[str, Any]]:
        """The apps and models this user may see, sorted by name."""
        found: dict[str, dict[str, Any]] = {}
        for model, model_admin in self._registry.items():
            opts = model._meta
            if app_label is not None and opts.app_label != app_label:
                continue
            perms = {
                "view": model_admin.has_view_or_change_permission(request),
                "add": model_admin.has_add_permission(request),
                "change": model_admin.has_change_permission(request),
                "delete": model_admin.has_delete_permission(request),
            }
            if not any(perms.values()):
                continue
            prefix = f"{self.name}:{opts.app_label}_{opts.model_name}"
            app = found.setdefault(
                opts.app_label,
                {
                    "name": _app_name(opts.app_label),
                    "app_label": opts.app_label,
                    "app_url": reverse(f"{self.name}:app_list", args=[opts.app_label]),
                    "models": [],
                },
            )
            app["models"].append(
                {
                    "name": str(opts.verbose_name_plural).capitalize(),
                    "object_name": opts.object_name,
                    "perms": perms,
                    "admin_url": reverse(f"{prefix}_changelist") if perms["view"] else None,
                    "add_url": reverse(f"{prefix}_add") if perms["add"] else None,
                }
            )
        apps_sorted = sorted(found.values(), key=lambda a: str(a["name"]).lower())
        for app in apps_sorted:
            app["models"].sort(key=lambda m: m["name"].lower())
        return apps_sorted

    # -- pages ------------------------------------------------------------------------------

    def index(self, request: Any) -> Any:
        context = {
            **self.each_context(request),
            "title": self.index_title,
            "app_list": self.get_app_list(request),
            "recent_actions": self.recent_actions(request),
        }
        return render(request, self.index_template or "admin/index.html", context)

    def recent_actions(self, request: Any, limit: int = 10) -> list[Any]:
        """This user's latest entries in the log."""
        return list(LogEntry.objects.filter(user_id=str(request.user.pk))[:limit])

    def app_index(self, request: Any, app_label: str) -> Any:
        app_list = self.get_app_list(request, app_label)
        if not app_list:
            if any(m._meta.app_label == app_label for m in self._registry):
                raise PermissionDenied
            raise Http404(f"No app {app_label[:50]!r} in this admin.")
        context = {
            **self.each_context(request),
            "title": f"{app_list[0]['name']} administration",
            "app_list": app_list,
            "app_label": app_label,
        }
        return render(request, self.app_index_template or "admin/app_index.html", context)

    def login(self, request: Any) -> Any:
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(
                safe_next_url(request, request.GET.get("next")) or reverse(f"{self.name}:index")
            )
        # Imported here: auth's forms are built for the user model in use when first imported,
        # and this module is imported by models modules (for @admin.display) before every
        # app's models are loaded.
        from .login import AdminLoginView

        view = AdminLoginView.as_view(
            admin_site=self, template_name=self.login_template or "admin/login.html"
        )
        return view(request)

    def logout(self, request: Any) -> Any:
        from heron.contrib.auth.views import LogoutView  # see login() for why it is here

        view = LogoutView.as_view(next_page=reverse(f"{self.name}:login"))
        return view(request)

    def password_change(self, request: Any) -> Any:
        from .login import AdminPasswordChangeView  # see login() for why it is here

        return AdminPasswordChangeView.as_view(admin_site=self)(request)

    def password_change_done(self, request: Any) -> Any:
        from .login import AdminPasswordChangeDoneView  # see login() for why it is here

        return AdminPasswordChangeDoneView.as_view(admin_site=self)(request)

    def get_urls(self) -> list[Any]:
        urls: list[Any] = [
            path("", self.admin_view(self.index), name="index"),
            path("login/", self.login, name="login"),
            path("logout/", self.logout, name="logout"),
            path(
                "password_change/",
                self.admin_view(self.password_change),
                name="password_change",
            ),
            path(
                "password_change/done/",
                self.admin_view(self.password_change_done),
                name="password_change_done",
            ),
        ]
        for model, model_admin in self._registry.items():
            opts = model._meta
            urls.append(path(f"{opts.app_label}/{opts.model_name}/", include(model_admin.urls)))
        urls.append(path("<str:app_label>/", self.admin_view(self.app_index), name="app_list"))
        return urls

    @property
    def urls(self) -> tuple[list[Any], str, str]:
        """``(patterns, "admin", name)`` for ``path("admin/", site.urls)``."""
        return self.get_urls(), "admin", self.name


def _app_name(label: str) -> str:
    try:
        return str(apps.get_app_config(label).verbose_name)
    except (LookupError, ImproperlyConfigured):
        return label.replace("_", " ").title()


site = AdminSite()
"""The default site: ``admin.site.register(...)``, ``path("admin/", admin.site.urls)``."""


def register(*models: Any, site: AdminSite | None = None) -> Callable[[_A], _A]:
    """``@admin.register(Question)`` above a ModelAdmin subclass registers it."""
    if not models:
        raise ValueError("@admin.register needs at least one model.")

    def decorate(admin_class: _A) -> _A:
        if not (isinstance(admin_class, type) and issubclass(admin_class, ModelAdmin)):
            raise ValueError("@admin.register decorates a ModelAdmin subclass.")
        (site or default_site()).register(models, admin_class)
        return admin_class

    return decorate


def default_site() -> AdminSite:
    return site


def autodiscover(app_configs: Iterable[Any] | None = None) -> None:
    """Import the ``admin`` module of each installed app (it registers its models)."""
    for config in app_configs if app_configs is not None else apps.get_app_configs():
        config.import_submodule("admin")
