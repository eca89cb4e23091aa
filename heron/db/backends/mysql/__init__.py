"""The mysql backend (see wrapper.py)."""
