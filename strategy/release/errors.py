"""A refusal: one or more located, catalogued problems that stop a command."""

from __future__ import annotations

from strategy.problems import Problem


class Refused(Exception):
    """Raised with the problems to show; the command exits non-zero and changes nothing."""

    def __init__(self, *problems: Problem, code: int = 1) -> None:
        super().__init__(", ".join(p.code for p in problems))
        self.problems = list(problems)
        self.exit_code = code
