"""Email backends, one module each; all implement ``base.BaseEmailBackend``.

- ``smtp.EmailBackend``: sends through an SMTP server (the default).
- ``console.EmailBackend``: writes messages to standard output (development).
- ``filebased.EmailBackend``: writes messages to files in ``EMAIL_FILE_PATH``.
- ``locmem.EmailBackend``: keeps messages in ``heron.mail.outbox`` (tests).
- ``dummy.EmailBackend``: drops messages.
"""
