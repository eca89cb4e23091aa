"""Database backends: ``base`` defines the contract; ``sqlite``, ``postgresql`` and ``mysql``
repeat its module names (wrapper, features, operations, creation, client)."""
