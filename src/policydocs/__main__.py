"""`python -m policydocs` runs the CLI."""

from policydocs.cli import main

main()
