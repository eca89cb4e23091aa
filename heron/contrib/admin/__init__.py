"""The admin: a back office for staff over registered models (``heron.contrib.admin``).

Map of the room:

- ``decorators``: ``display`` and ``action`` (importable from models modules, no database).
- ``sites``: ``AdminSite``, the default ``site``, ``register``, ``autodiscover``, the
  index/app/sign-in/sign-out pages; ``apps``: discovery of each app's ``admin.py``.
- ``options``: ``ModelAdmin``; ``inlines``: ``TabularInline``, ``StackedInline``.
- ``changelist``: one list page (columns, search, sorting, paging, counting);
  ``filters``: ``list_filter`` and ``SimpleListFilter``.
- ``views``: changelist/actions, add/change, delete, history; ``actions``: ``delete_selected``;
  ``deletion``: what a delete would remove or be blocked by.
- ``models``: ``LogEntry``; ``history``: writing it.
- ``templates/admin/``, ``static/admin/``: the pages and their stylesheet and script.
"""

from .decorators import action as action
from .decorators import display as display
from .filters import ListFilter as ListFilter
from .filters import SimpleListFilter as SimpleListFilter
from .inlines import StackedInline as StackedInline
from .inlines import TabularInline as TabularInline
from .options import ModelAdmin as ModelAdmin
from .sites import AdminSite as AdminSite
from .sites import AlreadyRegistered as AlreadyRegistered
from .sites import NotRegistered as NotRegistered
from .sites import autodiscover as autodiscover
from .sites import register as register
from .sites import site as site

__all__ = [
    "AdminSite",
    "AlreadyRegistered",
    "ListFilter",
    "ModelAdmin",
    "NotRegistered",
    "SimpleListFilter",
    "StackedInline",
    "TabularInline",
    "action",
    "autodiscover",
    "display",
    "register",
    "site",
]
