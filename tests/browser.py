"""Headless Chromium for the tests: a screenshot, and an accessibility audit with
axe-core (installed by ``.ci/run`` with npm from tests/browser/package-lock.json).

Both are found or reported absent, so tests that need them skip cleanly.
Imported by test modules; not a test module.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run"]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, target: Path, width: int = 1200, height: int = 1600) -> Path:
    subprocess.run([chromium(), *FLAGS, f"--window-size={width},{height}",
                    f"--screenshot={target}", page.resolve().as_uri()],
                   capture_output=True, timeout=300, check=True)
    return target


_RUNNER = """<script>{axe}</script><script>
axe.run(document, {{resultTypes: ['violations']}}).then(function (r) {{
  var out = document.createElement('script');
  out.type = 'application/json'; out.id = 'axe-results';
  out.textContent = JSON.stringify(r.violations.map(function (v) {{
    return {{id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(function (n) {{ return n.target.join(' '); }})}};
  }}));
  document.body.appendChild(out);
}});
</script>"""


def axe_violations(page: Path) -> list[dict]:
    """axe-core's violations of ``page`` as loaded in headless Chromium. The audit runs
    on a copy of the page with axe added at its end; its results are written into the
    DOM only after it has finished, and read back with --dump-dom."""
    html = page.read_text(encoding="utf-8")
    runner = _RUNNER.format(axe=AXE.read_text(encoding="utf-8").replace("</script>", "<\\/script>"))
    with tempfile.TemporaryDirectory() as work:
        audited = Path(work) / page.name
        audited.write_text(html.replace("</body>", runner + "</body>"), encoding="utf-8")
        done = subprocess.run([chromium(), *FLAGS, "--virtual-time-budget=120000", "--dump-dom",
                               audited.as_uri()], capture_output=True, text=True, timeout=600)
    found = re.search(r'<script type="application/json" id="axe-results">(.*?)</script>',
                      done.stdout, re.S)
    if not found:
        raise RuntimeError("axe-core reported nothing: " + done.stderr[-800:])
    return json.loads(found.group(1))
