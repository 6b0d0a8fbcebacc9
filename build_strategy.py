#!/usr/bin/env python3
"""Build the territorial strategy: `python build_strategy.py [check|build|schema] ...`."""

import sys

from strategy.commands import warm

if __name__ == "__main__":
    argv = sys.argv[1:]
    # check, readiness and build after an edit: run by the warm process when one runs
    # (strategy/commands/warm.py), which this run starts for the next one otherwise.
    code = warm.forward(argv)
    if code is None:
        from strategy.commands.cli import main

        code = main(argv)
        warm.started_here(argv)
    sys.exit(code)
