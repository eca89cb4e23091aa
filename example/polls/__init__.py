"""The polls app: models, forms, generic views, messages, pagination and static files."""
