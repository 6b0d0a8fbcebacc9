"""Council drafts: releases, what changed between versions, Word comments coming back.

- ``archive``: ``release`` (bump the version, record it, build, archive under
  ``releases/vX.Y/`` with a manifest) and ``verify`` (rebuild and compare hashes);
- ``folders``: release folders, their manifests and integrity;
- ``record_edit``: the minimal text edit of ``strategy.yaml`` a release makes;
- ``changelog``: the structured diff of two strategies, rendered by the templates;
- ``astdiff`` and ``redline``: the redline DOCX with Word's tracked changes;
- ``comments``: Word comments and tracked changes filed into the review register.
"""
