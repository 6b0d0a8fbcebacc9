"""Pydantic's plugins: looked for with importlib.metadata only where there may be one
(model/plugins.py), and an installed plugin still works."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from pydantic.plugin import _schema_validator

from strategy.model import plugins

REPO = Path(__file__).resolve().parent.parent


def _run(script: str, *folders: Path) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter (no plugin looked for yet), ``folders`` first on
    sys.path."""
    head = "import sys\n" + "".join(f"sys.path.insert(0, {str(f)!r})\n" for f in folders)
    return subprocess.run([sys.executable, "-c", head + textwrap.dedent(script)], cwd=REPO,
                          capture_output=True, text=True, check=False)


def test_pydantic_asks_the_module_the_stand_in_takes_the_place_of() -> None:
    # The pinned pydantic finds its plugins by importing get_plugins from this module
    # each time it builds a validator: the stand-in's whole contract.
    source = inspect.getsource(_schema_validator.create_schema_validator)
    assert "from ._loader import get_plugins" in source
    assert f"{_schema_validator.__package__}._loader" == plugins.LOADER


def test_validating_a_kind_without_plugins_reads_no_distribution_metadata() -> None:
    done = _run("""
        from strategy.model import plugins
        from strategy.model.kinds import KINDS
        from pydantic import ValidationError
        try:
            KINDS["introduction"].model.model_validate({})
        except ValidationError:
            pass
        assert plugins.none_installed()
        assert "importlib.metadata" not in sys.modules, "looked for plugins"
        # pydantic's own loader, asked now, finds none either
        del sys.modules[plugins.LOADER]
        from pydantic.plugin._loader import get_plugins
        assert not get_plugins()
        print("ok")
    """)
    assert done.stdout.strip() == "ok", done.stderr


def test_an_installed_plugin_is_used(tmp_path: Path) -> None:
    info = tmp_path / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    (tmp_path / "spy_plugin.py").write_text(textwrap.dedent("""
        seen = []

        class Plugin:
            def new_schema_validator(self, schema, schema_type, schema_type_path,
                                     schema_kind, config, plugin_settings):
                seen.append(schema_type_path.name)
                return None, None, None

        plugin = Plugin()
    """))
    done = _run("""
        from strategy.model import plugins
        from strategy.model.kinds import KINDS
        import spy_plugin
        from pydantic import ValidationError
        assert not plugins.none_installed()
        model = KINDS["introduction"].model
        try:
            model.model_validate({})
        except ValidationError:
            pass
        print(model.__name__ in spy_plugin.seen)
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True", done.stdout


@pytest.mark.parametrize("place", ["zip", "egg", "unlisted"])
def test_a_place_it_cannot_read_for_sure_leaves_pydantic_to_look(
        tmp_path: Path, place: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if place == "zip":
        folder = tmp_path / "packages.zip"
        with zipfile.ZipFile(folder, "w") as archive:
            archive.writestr("spy-1.0.dist-info/entry_points.txt", "[pydantic]\nspy = spy:p\n")
    elif place == "egg":
        folder = tmp_path / "spy-1.0.egg"
        folder.mkdir()
    else:
        folder = tmp_path / "unlisted"
        folder.mkdir()
        listdir = plugins.os.listdir

        def refuse(path: str) -> list[str]:  # a folder that can be entered, not listed
            if path == str(folder):
                raise PermissionError(path)
            return listdir(path)

        monkeypatch.setattr(plugins.os, "listdir", refuse)
    monkeypatch.setattr(sys, "path", [str(folder)])
    assert not plugins.none_installed()


def test_another_finder_of_distributions_leaves_pydantic_to_look(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Finder:
        @staticmethod
        def find_distributions(*args: object, **kwargs: object) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [])
    assert plugins.none_installed()
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert not plugins.none_installed()


def test_places_that_are_not_there_hold_no_plugin(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # a path hook's name (setuptools' editable installs put one on sys.path), a
    # distribution without entry points, one whose .egg-info is a file
    (tmp_path / "plain-1.0.dist-info").mkdir()
    (tmp_path / "old-1.0.egg-info").write_text("Name: old\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "no-such-hook")])
    assert plugins.none_installed()
    (tmp_path / "plain-1.0.dist-info" / "entry_points.txt").write_text(
        "[console_scripts]\nplain = plain:main\n")
    assert plugins.none_installed()
    (tmp_path / "old-1.0.egg-info").unlink()
    (tmp_path / "old-1.0.egg-info").mkdir()
    (tmp_path / "old-1.0.egg-info" / "entry_points.txt").write_text("[pydantic]\nold = old:p\n")
    assert not plugins.none_installed()
