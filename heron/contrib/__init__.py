"""Apps that ship with Heron: add them to INSTALLED_APPS to use them."""
