"""Small, dependency-free helpers shared by the framework and by users' code.

``html``
    Escaping and safe-HTML building: ``escape``, ``conditional_escape``, ``mark_safe``,
    ``format_html``, ``format_html_join``, ``strip_tags``, ``json_script``.
``text``
    Text shaping: ``slugify``, ``truncate_chars``, ``truncate_words``, ``linebreaks``.
``dateformat``
    Formatting dates and times with Django-style format characters (``"N j, Y"``).
``choices``
    ``(value, label)`` pairs for model and form fields: ``normalize_choices``, ``flatten_choices``.
``dateparse``
    Parsing text ``datetime`` cannot: ``parse_duration``.
``timesince``
    Human descriptions of time spans: ``choices``
    ``(value, label)`` pairs for model and form fields: ``normalize_choices``, ``flatten_choices``.
``dateparse``
    Parsing text ``datetime`` cannot: ``parse_duration``.
``timesince``, ``timeuntil``, ``naturaltime``.
"""
