"""Checks: the models' validation, the rules across sections, the law's checklist."""
