"""Release folders: ``releases/vX.Y/`` with the outputs, ``sections/`` and ``manifest.json``.

A release folder is append-only: written once by ``release``, never changed. The
manifest records the SHA-256 of every file in it, so a folder edited by hand is
recognised before anything trusts it (``diff``, ``comments``, the next release).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy.language.messages import localized
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused
from strategy.sections.files import FileProblem, is_office_lock_file, read_limited

MANIFEST = "manifest.json"
SECTIONS = "sections"
MANIFEST_FORMAT = 1
MAX_MANIFEST_BYTES = 16 * 2**20  # a manifest lists some hundred files
_VERSION = re.compile(r"^v?(\d+)\.(\d+)$")

VersionKey = tuple[int, int]


def parse_version(text: str) -> VersionKey | None:
    """``"v0.3"`` or ``"0.3"`` -> (0, 3); anything else -> None."""
    match = _VERSION.match(text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def version_text(key: VersionKey) -> str:
    return f"{key[0]}.{key[1]}"


def next_version(latest: VersionKey, status: str) -> VersionKey:
    """Drafts are 0.x; the first final version is 1.0; amendments after it 1.1 and on."""
    major, minor = latest
    if status == "final" and major == 0:
        return (1, 0)
    return (major, minor + 1)


def sha256(path: Path) -> str:
    """The SHA-256 of an ordinary file; of anything else (a link, a pipe, a device put
    into a release folder by hand), a digest that matches no file, read from nothing."""
    if path.is_symlink() or not path.is_file():
        return "not-a-file:" + hashlib.sha256(str(path.lstat().st_mode).encode()).hexdigest()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` by its POSIX path relative to it. The lock
    files Word and LibreOffice leave beside a document open in place are no content of
    the folder (``sections.files.is_office_lock_file``, the one rule for them); any
    other file, a link or a special file included, is."""
    return {p.relative_to(folder).as_posix(): sha256(p)
            for p in sorted(folder.rglob("*"))
            if (p.is_symlink() or not p.is_dir()) and not is_office_lock_file(p)}


@dataclass(frozen=True)
class Release:
    """One release folder and its manifest (read, not yet checked)."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.manifest["version"])

    @property
    def key(self) -> VersionKey:
        key = parse_version(self.version)
        assert key is not None
        return key

    @property
    def sections(self) -> Path:
        return self.folder / SECTIONS

    @property
    def previous(self) -> str | None:
        return self.manifest.get("previous")

    @property
    def outputs(self) -> dict[str, str]:
        return dict(self.manifest["outputs"])

    def output(self, suffix: str, role: str = "document") -> Path | None:
        """The archived output with this suffix (``.docx``), by role (document or redline)."""
        for name in self.outputs:
            if name.endswith(suffix) and self.manifest.get("roles", {}).get(name) == role:
                return self.folder / name
        return None


def release_folders(root: Path) -> dict[VersionKey, Path]:
    """The release folders under ``root`` by version; staging folders (``.v…``) are not."""
    if not root.is_dir():
        return {}
    found: dict[VersionKey, Path] = {}
    for entry in root.iterdir():
        key = parse_version(entry.name) if entry.name.startswith("v") else None
        if key is not None and entry.is_dir():
            found[key] = entry
    return dict(sorted(found.items()))


def find(root: Path, version: str) -> Path:
    """The folder of ``version`` ("v0.3" or "0.3"); a located refusal when there is none."""
    key = parse_version(version)
    if key is None:
        raise Refused(Problem("error", "release.bad_version", None, {"version": version}), code=2)
    folders = release_folders(root)
    if key not in folders:
        known = ", ".join("v" + version_text(k) for k in folders) or "–"
        raise Refused(Problem("error", "release.not_found", Mark(root), {
            "version": version_text(key), "known": known}), code=2)
    return folders[key]


def read_release(folder: Path) -> Release:
    """The release with its manifest; a refusal when the manifest is missing or broken."""
    path = folder / MANIFEST
    try:  # an ordinary file of bounded size: a pipe or a huge file put here must not hang
        manifest = json.loads(read_limited(path, MAX_MANIFEST_BYTES).decode("utf-8"))
    except FileProblem as exc:
        raise Refused(Problem("error", "release.manifest_unreadable", Mark(path),
                              {"reason": localized(f"reason.{exc.kind}")})) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise Refused(Problem("error", "release.manifest_unreadable", Mark(path),
                              {"reason": str(exc)})) from None
    shape_ok = (isinstance(manifest, dict) and manifest.get("format") == MANIFEST_FORMAT
                and isinstance(manifest.get("outputs"), dict)
                and isinstance(manifest.get("sections"), dict)
                and parse_version(str(manifest.get("version", ""))) is not None
                and folder.name == "v" + str(manifest.get("version")))
    if not shape_ok:
        raise Refused(Problem("error", "release.manifest_unreadable", Mark(path),
                              {"reason": "manifest.json"}))
    return Release(folder, manifest)


def recorded_hashes(release: Release) -> dict[str, str]:
    """What the manifest says every file of the folder hashes to."""
    recorded = {name: digest for name, digest in release.outputs.items()}
    recorded.update({f"{SECTIONS}/{name}": digest
                     for name, digest in release.manifest["sections"].items()})
    return recorded


def check_intact(release: Release) -> None:
    """Refuse a release folder whose files differ from its manifest (edited by hand)."""
    recorded = recorded_hashes(release)
    actual = tree_hashes(release.folder)
    actual.pop(MANIFEST, None)
    changed = sorted(n for n in recorded if n in actual and actual[n] != recorded[n])
    missing = sorted(n for n in recorded if n not in actual)
    added = sorted(n for n in actual if n not in recorded)
    if changed or missing or added:
        raise Refused(Problem("error", "release.tampered", Mark(release.folder), {
            "version": release.version,
            "files": ", ".join([*changed, *(f"-{n}" for n in missing), *(f"+{n}" for n in added)]),
        }))


def open_release(root: Path, version: str) -> Release:
    """A release folder, checked against its manifest."""
    release = read_release(find(root, version))
    check_intact(release)
    return release


def latest_before(root: Path, key: VersionKey) -> Path | None:
    """The newest release folder with a version lower than ``key``."""
    older = [folder for k, folder in release_folders(root).items() if k < key]
    return older[-1] if older else None
