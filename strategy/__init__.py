"""The territorial strategy builder.

The folders are the stages, in the order data flows through them:

- ``model/``: the pydantic models of every section kind, and what is computed from
  them alone (the financial framework, the JSON Schemas);
- ``sections/``: reading the section files (YAML with the position of every value,
  GeoJSON maps) into plain data, one tree per kind of ``model``;
- ``law/``: the law as data, one file per legal profile (what a supra-local, a
  territorial or a ZIT strategy must contain), read by ``checks``;
- ``checks/``: validation against the models, the rules across sections, the
  consultation's record and the readiness of the strategy under its legal profile;
- ``compose/``: the validated strategy into one pandoc Markdown document (templates,
  typography, tables, charts, maps);
- ``export/``: that document into DOCX and PDF;
- ``release/``: versions, manifests, changelogs, redlines, comments, the package;
- ``commands/``: the command line, which parses arguments and calls ``pipeline``.

``language/`` holds every word a user reads, per language; ``pipeline.py`` runs the
stages in order; ``problems.py`` is the one type every stage reports with. A module
imports only from stages above it in this list (and from ``language`` and
``problems``); ``tests/test_architecture.py`` fails on an import circle.
"""
