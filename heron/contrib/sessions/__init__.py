"""Sessions: ``request.session``, a lazy dict kept between requests of one visitor.

The room, module by module::

    middleware.py      SessionMiddleware: request.session in, save and cookie out
    backends/          the stores (SESSION_ENGINE): db, cache, cached_db, signed_cookies
    serializers.py     JSONSerializer (SESSION_SERIALIZER): JSON plus a few tagged types
    models.py          Session, the table of the db backends
    exceptions.py      SessionNotLoaded, SessionInterrupted, CreateError, UpdateError, ...
    commands/          heron clearsessions

See docs/sessions.md. Nothing is imported here, so ``import heron.contrib.sessions`` stays
free; import from the modules above.
"""

__all__: list[str] = []
