"""``python -m sitegen``: the same command line as ``sitegen``."""

from sitegen.cli import main

main()
