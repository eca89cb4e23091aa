"""The filters Heron adds to Jinja2, split by theme; ``builtin_filters()`` lists them all.

``dates``    date, time, timesince, timeuntil, naturaltime
``text``     truncatechars, truncatewords, slugify, linebreaks, linebreaksbr
``logic``    pluralize, yesno, default_if_none
``numbers``  intcomma, filesizeformat
``html``     urlize, json_script
"""

from .registry import builtin_filters as builtin_filters

__all__ = ["builtin_filters"]
