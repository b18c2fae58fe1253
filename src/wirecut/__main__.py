"""``python -m wirecut`` runs the ``wirecut`` command."""

from wirecut.cli import main

main()
