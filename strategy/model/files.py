"""Files a section names (a figure's image, a map's GeoJSON, any such field added later).

A field typed ``ImagePath`` or ``MapPath`` holds a ``SectionFile``: the text the user
wrote, plus what ``sections/files.resolve`` found for it when the sections were
validated (``checks/validate.py`` passes that resolver in pydantic's context). It is
either the real file inside the sections folder (``resolved``) or what is wrong with it
(``refusal``: a catalogued code and its parameters), never both. A rule reports every
refusal at the value's line; compose reads ``resolved`` only, never the raw text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints, ValidationInfo

# The formats a named file may have, recognised by their content (sections/files.py).
IMAGE_FORMATS = ("png", "jpeg", "svg")
MAP_FORMATS = ("geojson", *IMAGE_FORMATS)


@dataclass(frozen=True)
class ResolvedFile:
    """A regular file inside the sections folder, as it was when checked: its real path
    (no symbolic link left in it), which file it is (device, inode) and its format."""

    path: Path
    device: int
    inode: int
    size: int
    format: str


@dataclass(frozen=True)
class FileRefusal:
    """Why a named file cannot be used: a catalog code and its parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


Resolver = Callable[[str, tuple[str, ...]], "ResolvedFile | FileRefusal"]
RESOLVER = "resolve_file"  # the key of the resolver in pydantic's validation context


class SectionFile(str):
    """The path text as written, with the outcome of resolving it (when validated with a
    resolver; without one, as in the schema or a unit test, both are None)."""

    resolved: ResolvedFile | None = None
    refusal: FileRefusal | None = None

    @property
    def path(self) -> Path:
        """The real file; only for a file that resolved (compose runs only then)."""
        if self.resolved is None:
            raise ValueError(f"the file {str(self)!r} was not resolved in the sections folder")
        return self.resolved.path


def _attach(formats: tuple[str, ...]) -> Callable[[str, ValidationInfo], SectionFile]:
    def attach(text: str, info: ValidationInfo) -> SectionFile:
        value = SectionFile(text)
        resolve: Any = (info.context or {}).get(RESOLVER)
        if resolve is not None:
            outcome = resolve(text, formats)
            if isinstance(outcome, ResolvedFile):
                value.resolved = outcome
            else:
                value.refusal = outcome
        return value
    return attach


def section_path(formats: tuple[str, ...]) -> Any:
    """The type of a field naming a file of one of ``formats`` in the sections folder."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                     AfterValidator(_attach(formats))]


ImagePath = section_path(IMAGE_FORMATS)
MapPath = section_path(MAP_FORMATS)
