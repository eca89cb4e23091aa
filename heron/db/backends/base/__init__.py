"""The backend contract: ``wrapper`` (connections and execution), ``features``,
``operations`` (vendor SQL), ``creation`` (test databases), ``client`` (dbshell), plus the
shared ``pool``, ``statements`` and ``cursor`` helpers."""
