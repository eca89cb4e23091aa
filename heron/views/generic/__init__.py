"""Generic class-based views: templates, lists, details and forms, sync or async."""

from .base import ContextMixin as ContextMixin
from .base import RedirectView as RedirectView
from .base import TemplateResponseMixin as TemplateResponseMixin
from .base import TemplateView as TemplateView
from .base import View as View
from .detail import DetailView as DetailView
from .detail import SingleObjectMixin as SingleObjectMixin
from .edit import CreateView as CreateView
from .edit import DeleteView as DeleteView
from .edit import FormMixin as FormMixin
from .edit import FormView as FormView
from .edit import ModelFormMixin as ModelFormMixin
from .edit import UpdateView as UpdateView
from .list import ListView as ListView
from .list import MultipleObjectMixin as MultipleObjectMixin

__all__ = [
    "ContextMixin",
    "CreateView",
    "DeleteView",
    "DetailView",
    "FormMixin",
    "FormView",
    "ListView",
    "ModelFormMixin",
    "MultipleObjectMixin",
    "RedirectView",
    "SingleObjectMixin",
    "TemplateResponseMixin",
    "TemplateView",
    "UpdateView",
    "View",
]
