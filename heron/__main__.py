"""``python -m heron`` runs the ``heron`` command."""

from heron.cli.main import main

main()
