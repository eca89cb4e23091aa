"""Whether the server's time zone tables are loaded (``CONVERT_TZ`` knows named zones).

MariaDB and MySQL ship with empty ``mysql.time_zone*`` tables: ``CONVERT_TZ(x, '+00:00',
'Europe/Paris')`` is then NULL. The ORM's date/time transforms need them for a named current
time zone (``__year`` / ``__date`` comparisons do not: they become ranges). The probe runs
once per wrapper, on a fresh connection (sync or async), outside any query log.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PROBE_SQL", "aprobe", "probe"]

PROBE_SQL = "SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', 'Europe/Paris')"


def probe(conn: Any) -> bool:
    """Whether ``conn``'s server converts named zones (a PyMySQL connection)."""
    with conn.cursor() as cursor:
        cursor.execute(PROBE_SQL)
        row = cursor.fetchone()
    return bool(row) and row[0] is not None


async def aprobe(conn: Any) -> bool:
    """The async twin of ``probe`` (an asyncmy connection)."""
    async with conn.cursor() as cursor:
        await cursor.execute(PROBE_SQL)
        row = await cursor.fetchone()
    return bool(row) and row[0] is not None
