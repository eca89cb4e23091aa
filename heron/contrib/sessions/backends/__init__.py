"""Session stores, one module per ``SESSION_ENGINE``::

base.py            SessionBase: the dict-like session and its I/O-free cores
db.py              rows of heron_session (the default)
cache.py           a cache from CACHES (SESSION_CACHE_ALIAS), e.g. Redis
cached_db.py       the database, read through the cache
signed_cookies.py  the whole session in a signed cookie
"""
