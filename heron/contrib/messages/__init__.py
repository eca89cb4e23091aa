"""One-time notices for the next page: ``messages.success(request, "Saved.")``.

``from heron.contrib import messages`` then ``messages.info(request, ...)``; templates
show them with ``{% for m in messages %}``.
"""

from .api import add_message as add_message
from .api import debug as debug
from .api import error as error
from .api import get_level as get_level
from .api import get_messages as get_messages
from .api import info as info
from .api import set_level as set_level
from .api import success as success
from .api import warning as warning
from .constants import DEBUG as DEBUG
from .constants import DEFAULT_LEVELS as DEFAULT_LEVELS
from .constants import DEFAULT_TAGS as DEFAULT_TAGS
from .constants import ERROR as ERROR
from .constants import INFO as INFO
from .constants import SUCCESS as SUCCESS
from .constants import WARNING as WARNING
from .exceptions import MessageFailure as MessageFailure
from .storage import Message as Message

__all__ = [
    "DEBUG",
    "DEFAULT_LEVELS",
    "DEFAULT_TAGS",
    "ERROR",
    "INFO",
    "SUCCESS",
    "WARNING",
    "Message",
    "MessageFailure",
    "add_message",
    "debug",
    "error",
    "get_level",
    "get_messages",
    "info",
    "set_level",
    "success",
    "warning",
]
