#!/usr/bin/env python3
"""Build the territorial strategy: `python build_strategy.py [check|build|schema] ...`."""

import gc
import sys

if sys.argv[1:2] in (["check"], ["readiness"]):
    # From the first import on, as the command line does for them once it has parsed
    # the arguments (strategy/commands/cli.py, _SHORT: why). The warm process is a
    # program of its own (warm.started_here), which keeps its collector.
    gc.disable()

from strategy.commands import warm  # noqa: E402  (after the collector is off)

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
