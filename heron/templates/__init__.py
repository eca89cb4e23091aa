"""Jinja2 templates: the engine, template lookup and rendering, and the render hook.

The room::

    engine.py      Engine, Template, get_template, render_to_string (+ async twins)
    context.py     per-request values: csrf_input, csrf_token, csp_nonce, user, perms, messages
    partials.py    "page.html#block": render one block
    response.py    TemplateResponse, render, arender
    filters/       the filters Heron adds (dates, text, logic, numbers, html)
    functions.py   url(), static()
    debuginfo.py   template name, line and source for the DEBUG error page
    signals.py     template_rendered hook (the test client listens)
    exceptions.py  TemplateDoesNotExist, BlockDoesNotExist, ContentNotRenderedError
"""

from .engine import BUILTIN_TEMPLATE_DIRS as BUILTIN_TEMPLATE_DIRS
from .engine import Engine as Engine
from .engine import Template as Template
from .engine import arender_to_string as arender_to_string
from .engine import get_engine as get_engine
from .engine import get_template as get_template
from .engine import render_to_string as render_to_string
from .engine import select_template as select_template
from .exceptions import BlockDoesNotExist as BlockDoesNotExist
from .exceptions import ContentNotRenderedError as ContentNotRenderedError
from .exceptions import TemplateDoesNotExist as TemplateDoesNotExist
from .response import TemplateResponse as TemplateResponse
from .response import arender as arender
from .response import render as render
from .signals import template_rendered as template_rendered

__all__ = [
    "BUILTIN_TEMPLATE_DIRS",
    "BlockDoesNotExist",
    "ContentNotRenderedError",
    "Engine",
    "Template",
    "TemplateDoesNotExist",
    "TemplateResponse",
    "arender",
    "arender_to_string",
    "get_engine",
    "get_template",
    "render",
    "render_to_string",
    "select_template",
    "template_rendered",
]
