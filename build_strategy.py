#!/usr/bin/env python3
"""Build the territorial strategy: `python build_strategy.py [check|build|schema] ...`."""

import sys

from strategy.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
