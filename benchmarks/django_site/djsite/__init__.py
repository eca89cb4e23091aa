"""A minimal Django project for benchmarks/run.py (runs in benchmarks/.venv-peers only)."""
