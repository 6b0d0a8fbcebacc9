"""What a release's ``manifest.json`` records: the version, its outputs and sections
(SHA-256 each), and the tools that built it, so that ``verify`` can rebuild it."""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from strategy.model.record import VersionEntry
from strategy.release.folders import MANIFEST_FORMAT, SECTIONS, sha256, tree_hashes

_PACKAGES = ("territorial-strategy-builder", "pypandoc-binary", "typst", "python-docx",
             "jinja2", "pydantic", "pyyaml", "matplotlib", "lxml")
_CODE = Path(__file__).resolve().parent.parent  # the strategy package: code and templates


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


def code_digest() -> str:
    """One SHA-256 over the tool's own code, templates and assets."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
            digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0")
            digest.update(sha256(path).encode())
    return digest.hexdigest()


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
