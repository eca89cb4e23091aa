"""A small site for the middleware tests: forms, exempt and decorated views, a CSP page."""
