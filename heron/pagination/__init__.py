"""Split a list or a QuerySet into numbered pages."""

from .exceptions import EmptyPage as EmptyPage
from .exceptions import InvalidPage as InvalidPage
from .exceptions import PageNotAnInteger as PageNotAnInteger
from .paginator import ELLIPSIS as ELLIPSIS
from .paginator import Page as Page
from .paginator import Paginator as Paginator

__all__ = ["ELLIPSIS", "EmptyPage", "InvalidPage", "Page", "PageNotAnInteger", "Paginator"]
