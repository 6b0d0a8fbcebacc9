"""Constants of the models that the rules read without building a model class."""

from __future__ import annotations

# How deep the tree of goals may go: goals, and one level of goals inside them.
MAX_GOAL_LEVELS = 2
# The kinds of member that are local governments (and so have a territory of their own).
LOCAL_GOVERNMENTS = ("urban", "rural", "urban-rural", "city-county", "powiat", "voivodeship")
