"""Cache backends, one module each, all fulfilling ``base.BaseCache``'s contract.

``locmem`` (this process's memory, LRU), ``filebased`` (a directory), ``db`` (a table made by
``heron createcachetable``), ``redis`` (redis-py, sync and asyncio), ``dummy`` (stores
nothing). Modules are imported when a ``CACHES`` entry names them, so Redis's driver is
loaded only by sites that use it.
"""
