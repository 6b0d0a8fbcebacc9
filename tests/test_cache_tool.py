"""The cache's own upkeep: the tool's digest (in every key) is the one it always was,
made with one walk of the package; pruning keeps every folder the cache uses within
its limit, and no code can keep entries in a folder pruning does not know."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from test_release_support import cli, new_project

from strategy.export import cache as cache_module
from strategy.export.cache import KINDS, Cache, code_digest, tree_digest
from strategy.language import books, kept


def _digest_as_before(root: Path) -> str:
    """The digest as it was first made, with pathlib's walk."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode())
    return digest.hexdigest()


def test_the_code_s_digest_is_the_one_it_always_was():
    assert code_digest() == _digest_as_before(cache_module._CODE)


def test_a_tree_s_digest_orders_skips_and_follows_as_before(tmp_path):
    tree = tmp_path / "tree"
    for name in ("a/b", "a-c", "a.d", "a/__pycache__/x.pyc", "a/.hidden", ".dot/kept",
                 "z/deep/er/file", "B", "ä"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes(name.encode())
    (tree / "link-to-file").symlink_to(tree / "a-c")
    (tree / "link-to-folder").symlink_to(tree / "z", target_is_directory=True)
    (tree / "dangling").symlink_to(tree / "nowhere")
    assert tree_digest(tree) == _digest_as_before(tree)
    (tree / "a" / "b").write_bytes(b"changed")
    assert tree_digest(tree) == _digest_as_before(tree)


def test_pruning_covers_every_folder_a_build_and_a_check_fill(capsys, monkeypatch, tmp_path):
    sections = new_project(tmp_path / "project") / "sections"
    cache = tmp_path / "cache"
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    assert cli(capsys, "check", "--sections", sections).code == 0
    assert cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out").code == 0
    # A fresh process reads the books through the cache (this one may hold them already).
    kept.load(books.folder("pl") / "messages.yaml", books._LOADER)
    used = {p.name for p in cache.iterdir()}
    assert {"books", "parsed", "results", "drawings", "outputs"} <= used <= set(KINDS)
    Cache(cache, limit=0).prune()
    assert [p for p in cache.rglob("*") if p.is_file()] == []


def test_an_entry_of_a_kind_pruning_does_not_know_is_refused(tmp_path):
    store = Cache(tmp_path)
    for use in (lambda: store.put("elsewhere", "k", b"x"), lambda: store.get("elsewhere", "k"),
                lambda: store.folder("elsewhere")):
        with pytest.raises(ValueError, match="KINDS"):
            use()
    assert not os.listdir(tmp_path)


def test_the_code_s_digest_is_kept_while_no_file_of_it_changed(tmp_path, monkeypatch):
    """Kept under every file's place, size, inode and times of change (as Python keeps a
    module's bytecode): taken while they are the same, made again when one changes,
    even to bytes of the same size, and a damaged entry is made again too."""
    tree = tmp_path / "code"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.py").write_text("a = 1\n")
    (tree / "sub" / "b.yaml").write_text("b: 2\n")
    monkeypatch.setattr(cache_module, "_CODE", tree)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    first = code_digest()
    assert first == _digest_as_before(tree)
    assert len(list((tmp_path / "cache" / "tool").iterdir())) == 1
    hashed = []
    monkeypatch.setattr(cache_module, "tree_digest",
                        lambda root: hashed.append(root) or tree_digest(root))
    assert code_digest() == first and hashed == []  # kept
    before = (tree / "a.py").stat().st_mtime_ns
    (tree / "a.py").write_text("a = 2\n")  # the same size, a later time (as any later
    os.utime(tree / "a.py", ns=(before + 10**9, before + 10**9))  # write, past a tick)
    assert code_digest() == _digest_as_before(tree) != first
    (tree / "sub" / "c.py").write_text("")
    assert code_digest() == _digest_as_before(tree)
    for entry in (tmp_path / "cache" / "tool").iterdir():
        entry.write_bytes(b"damaged")
    hashed.clear()
    assert code_digest() == _digest_as_before(tree) and hashed == [tree]
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    assert code_digest() == _digest_as_before(tree)


def _sections_key_as_before(root: Path) -> str:
    """The key of a sections folder as it was first made, with pathlib."""
    root = root.resolve()
    files = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            entry: list = [path.relative_to(root).as_posix()]
            if path.is_symlink():
                entry.append(["link", os.readlink(path)])
                target = path.resolve()
                if target.is_relative_to(root) and target.is_file():
                    entry.append(hashlib.sha256(target.read_bytes()).hexdigest())
            elif path.is_file():
                entry.append(hashlib.sha256(path.read_bytes()).hexdigest())
            files.append(entry)
    return cache_module.key_of(["sections", cache_module.tool_digest(), str(root), files])


def test_a_sections_folder_s_key_is_the_one_it_always_was(tmp_path):
    root = tmp_path / "sections"
    for name in ("strategy.yaml", "diagnosis/a.yaml", "diagnosis/b.yaml", "maps/area.geojson",
                 "deep/er/file", ".hidden"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / "diagnosis" / "link.yaml").symlink_to("../strategy.yaml")
    (root / "outside.yaml").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").write_text("out")
    (root / "dangling").symlink_to(root / "nowhere")
    (root / "linked-folder").symlink_to(root / "deep", target_is_directory=True)
    assert cache_module.sections_key(root) == _sections_key_as_before(root)
    assert cache_module.sections_key(root / "deep") == _sections_key_as_before(root / "deep")
