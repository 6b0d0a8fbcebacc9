"""A build's charts and maps on their way to disk, each as soon as compose makes it.

Each drawing is either taken from the cache (its files written at once) or handed to
the drawer (``drawings.Drawer``), so the charts, made before the text is rendered, are
drawn while the rest of the document is composed. ``pending`` are the drawings this
build draws; ``keep()`` puts them in the cache once the build has waited for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from strategy.compose.document import Drawing
from strategy.export.drawings import Drawer


class Handover:
    def __init__(self, store: Any, drawer: Drawer | None, folder: Path) -> None:
        self.store, self.drawer, self.folder = store, drawer, folder
        self.pending: list[Drawing] = []
        self._keys: dict[int, str | None] = {}  # by id: a Drawing's args are unhashable
        self._seen: set[int] = set()

    def key(self, drawing: Drawing) -> str | None:
        """The drawing's cache key (None without a cache or when it has none)."""
        from strategy.export.cache import drawing_key

        if id(drawing) not in self._keys:
            self._keys[id(drawing)] = drawing_key(drawing, self.folder) if (
                self.store is not None) else None
        return self._keys[id(drawing)]

    def hand(self, drawing: Drawing) -> None:
        """Put ``drawing``'s files on disk from the cache, or hand it to the drawer (it
        is drawn by the one ``start_drawer`` forks when there is none yet); each
        drawing once."""
        from strategy.export.cache import files_from_entry

        if id(drawing) in self._seen:
            return
        self._seen.add(id(drawing))
        key = self.key(drawing)
        cached = self.store.get("drawings", key) if key else None
        contents = files_from_entry(cached, len(drawing.files)) if cached else None
        if contents is None:
            self.pending.append(drawing)
            if self.drawer is not None:
                self.drawer.draw(drawing)
            return
        for path, content in zip(drawing.files, contents, strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def start_drawer(self) -> Drawer | None:
        """The drawer, forked now if drawings are pending and none runs (call it
        before the build starts a thread); None when there is nothing to draw."""
        if self.drawer is None and self.pending:
            self.drawer = Drawer().start()
            for drawing in self.pending:
                self.drawer.draw(drawing)
        return self.drawer

    def keep(self) -> None:
        """Put every pending drawing whose files are all on disk in the cache (a twin
        no writer wanted was not made: such a drawing is not kept). Only after the
        build waited for them: a drawer stopped midway may leave a file half written."""
        from strategy.export.cache import files_entry

        if self.store is None:
            return
        for drawing in self.pending:
            key = self.key(drawing)
            if key and drawing.files and all(path.is_file() for path in drawing.files):
                self.store.put("drawings", key,
                               files_entry([path.read_bytes() for path in drawing.files]))
