"""`python -m wirecoder` is the `wirecoder` command."""

from .cli import main

main()
