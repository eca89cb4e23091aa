"""Views: class-based ``View`` and ``RedirectView``, and the view decorators."""

from .base import RedirectView as RedirectView
from .base import View as View
from .csrf import csrf_protect as csrf_protect
from .csrf import ensure_csrf_cookie as ensure_csrf_cookie
from .csrf import requires_csrf_token as requires_csrf_token
from .decorators import condition as condition
from .decorators import csrf_exempt as csrf_exempt
from .decorators import etag as etag
from .decorators import last_modified as last_modified
from .decorators import require_GET as require_GET
from .decorators import require_http_methods as require_http_methods
from .decorators import require_POST as require_POST
from .decorators import require_safe as require_safe
from .decorators import xframe_options_exempt as xframe_options_exempt

__all__ = [
    "RedirectView",
    "View",
    "condition",
    "csrf_exempt",
    "csrf_protect",
    "ensure_csrf_cookie",
    "etag",
    "last_modified",
    "require_GET",
    "require_POST",
    "require_http_methods",
    "require_safe",
    "requires_csrf_token",
    "xframe_options_exempt",
]
