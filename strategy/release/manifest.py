"""What a release's ``manifest.json`` records: the version, its outputs and sections
(SHA-256 each), and the tools that built it, so that ``verify`` can rebuild it."""

from __future__ import annotations

import json
import platform
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from strategy.export.cache import code_digest
from strategy.model.record import VersionEntry
from strategy.release.folders import MANIFEST_FORMAT, SECTIONS, sha256, tree_hashes

_PACKAGES = ("territorial-strategy-builder", "pypandoc-binary", "typst", "python-docx",
             "jinja2", "pydantic", "pyyaml", "matplotlib", "lxml")


@cache
def tools() -> dict[str, str]:
    """The versions of everything that shapes the output bytes."""
    from strategy.export.pandoc import pandoc_binary

    found = {"python": platform.python_version()}
    try:
        out = subprocess.run([pandoc_binary(), "--version"], capture_output=True, text=True,
                             check=False).stdout
        found["pandoc"] = out.split("\n", 1)[0].removeprefix("pandoc").strip()
    except OSError:
        found["pandoc"] = "?"
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "?"
    found["code"] = code_digest()
    return found


def build_manifest(folder: Path, *, slug: str, title: str, entry: VersionEntry,
                   previous: str | None, formats: set[str], roles: dict[str, str]
                   ) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "strategy": {"slug": slug, "title": title},
        "version": entry.version,
        "status": entry.status,
        "date": entry.date.isoformat(),
        "note": entry.note,
        "meeting": entry.meeting,
        "forced": entry.forced,
        "previous": previous,
        "formats": sorted(formats),
        "outputs": {name: sha256(folder / name) for name in sorted(roles)},
        "roles": dict(sorted(roles.items())),
        "sections": tree_hashes(folder / SECTIONS),
        "tools": tools(),
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
