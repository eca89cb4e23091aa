"""Commands the sessions app adds to ``heron`` (``clearsessions``)."""
