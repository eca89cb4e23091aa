"""Users, groups, permissions and signing in: ``heron.contrib.auth``.

Map of the room:

- ``base_user``: ``AbstractBaseUser``, ``BaseUserManager``; ``models``: ``Permission``,
  ``Group``, ``PermissionsMixin``, ``AbstractUser``, ``User``, ``UserManager``;
  ``anonymous``: ``AnonymousUser``; ``validators``: username validators.
- ``users``: ``get_user_model()``; ``backends``: ``ModelBackend``; ``backend_list``: loading
  ``AUTHENTICATION_BACKENDS``; ``perms``: permission checks across backends.
- ``authentication``: ``authenticate``; ``login``: ``login``/``logout``/``get_user``/
  ``update_session_auth_hash`` (each with an async twin); ``signals``.
- ``middleware``: ``AuthenticationMiddleware`` (``request.user``, ``request.auser()``) and
  ``LoginRequiredMiddleware``; ``decorators`` and ``mixins`` for views; ``redirects``: safe
  ``next`` URLs.
- ``forms``, ``views``, ``urls``, ``tokens`` (password reset), ``templates/registration/``.
- ``builtin_permissions``: the permissions made after ``migrate``; ``testing``: the test
  client's ``login()``/``force_login()``; ``commands/``: ``createsuperuser``,
  ``changepassword``.
- ``hashers``, ``password_validation``: passwords (see docs/passwords.md).
"""

from .authentication import aauthenticate as aauthenticate
from .authentication import authenticate as authenticate
from .login import BACKEND_SESSION_KEY as BACKEND_SESSION_KEY
from .login import HASH_SESSION_KEY as HASH_SESSION_KEY
from .login import SESSION_KEY as SESSION_KEY
from .login import aget_user as aget_user
from .login import alogin as alogin
from .login import alogout as alogout
from .login import aupdate_session_auth_hash as aupdate_session_auth_hash
from .login import get_user as get_user
from .login import login as login
from .login import logout as logout
from .login import update_session_auth_hash as update_session_auth_hash
from .users import get_user_model as get_user_model

__all__ = [
    "BACKEND_SESSION_KEY",
    "HASH_SESSION_KEY",
    "SESSION_KEY",
    "aauthenticate",
    "aget_user",
    "alogin",
    "alogout",
    "aupdate_session_auth_hash",
    "authenticate",
    "get_user",
    "get_user_model",
    "login",
    "logout",
    "update_session_auth_hash",
]
