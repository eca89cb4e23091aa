"""Private helpers shared by Heron's rooms. Not part of the public API."""
