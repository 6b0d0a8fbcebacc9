"""Test session settings.

Builds in the tests run without the cache of built outputs (``strategy/export/cache.py``)
unless a test turns it on with a folder of its own: a test of an exporter must see the
exporter run, and no test may read or fill the cache of the person running them.
"""

import os

os.environ["STRATEGY_CACHE"] = "off"
# No warm process (strategy/commands/warm.py) outlives a test: tests/test_warm.py starts
# its own and ends it.
os.environ["STRATEGY_WARM"] = "off"
