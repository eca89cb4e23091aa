"""The sqlite backend (see wrapper.py)."""
