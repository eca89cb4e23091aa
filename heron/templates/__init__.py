"""Jinja2 templates: the engine, template lookup and rendering, and the render hook."""

from .engine import Engine as Engine
from .engine import Template as Template
from .engine import get_engine as get_engine
from .engine import get_template as get_template
from .engine import render_to_string as render_to_string
from .engine import select_template as select_template
from .exceptions import TemplateDoesNotExist as TemplateDoesNotExist
from .signals import template_rendered as template_rendered

__all__ = [
    "Engine",
    "Template",
    "TemplateDoesNotExist",
    "get_engine",
    "get_template",
    "render_to_string",
    "select_template",
    "template_rendered",
]
