"""The postgresql backend (see wrapper.py)."""
