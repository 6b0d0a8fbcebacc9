"""Compose stage: the validated Strategy into one pandoc Markdown document.

One template tree (``templates/``) holds the document's structure; its words are the
phrases of the language's ``document.yaml`` and ``labels.yaml`` (strategy/language/).
This module and the view's mixins (``view/``, one module per concern) only prepare
rows, numbers and charts for them. Every value a template prints goes through
``finalize``, which escapes it, so user text can never turn into markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

from strategy.compose import annexes, markdown, phrases, typography
from strategy.compose.document import Composed, DocumentMeta, Drawing, HandedOver
from strategy.compose.hierarchy import Hierarchy
from strategy.compose.kepttables import KeptTables
from strategy.compose.markdown import Md

# The view's mixins, by concern; a name imported "as" itself was defined here before
# the view was split, and is still imported from here.
from strategy.compose.view.diagnosis import DiagnosisRows
from strategy.compose.view.figures import ARMS_HEIGHTS as ARMS_HEIGHTS
from strategy.compose.view.figures import LOGO_HEIGHT as LOGO_HEIGHT
from strategy.compose.view.figures import Figures
from strategy.compose.view.formatting import Formatting
from strategy.compose.view.formatting import _quantities as _quantities
from strategy.compose.view.framework import FrameworkRows
from strategy.compose.view.framework import share_places as share_places
from strategy.compose.view.goals import GoalRows
from strategy.compose.view.partnership import PartnershipRows
from strategy.compose.view.preparation import PreparationRows
from strategy.compose.view.projects import SHEET_FIELDS as SHEET_FIELDS
from strategy.compose.view.projects import ProjectRows
from strategy.compose.view.reviewer import ReviewerParts
from strategy.language import books
from strategy.language.labels import labels
from strategy.model import Strategy
from strategy.model.finance import framework
from strategy.model.investments import Investment

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The templates compiled, kept beside the tool's code as Python keeps its modules'
# bytecode (__pycache__: not part of the tool's digest, not in git), so that a build
# with an empty cache does not compile them again (half a second of composing).
COMPILED_BESIDE = Path(__file__).resolve().parent / "__pycache__" / "templates"


class _Compiled(jinja2.BytecodeCache):
    """Jinja's compiled templates from the first of ``folders`` that holds them (each
    entry is checked against its template's source and the Python version); a template
    compiled anew is kept in every folder that can be written."""

    def __init__(self, folders: list[Path]) -> None:
        self.caches = []
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                continue
            self.caches.append(jinja2.FileSystemBytecodeCache(str(folder)))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        for store in self.caches:
            store.load_bytecode(bucket)
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        for store in self.caches:
            try:
                store.dump_bytecode(bucket)
            except OSError:
                continue  # a folder that cannot be written: only a slower next build


@cache
def environment(lang: str, *, plain: bool = False, compiled: Path | None = None,
                outline: bool = False) -> jinja2.Environment:
    """The one template tree, in ``lang``: ``say`` gives the phrases of its
    ``document.yaml``. In the document every value a template prints is escaped into
    Markdown (``phrases.markdown_value``); ``plain`` prints values as text (the
    changelog that ``diff`` prints). Made once per language: it holds no state of a
    document, and compiling the templates is most of the time composing takes;
    ``compiled`` is a folder where Jinja keeps them compiled (checked against each
    template's source), so the next process compiles only those changed since; they
    are kept beside the tool's code as well (``COMPILED_BESIDE``). ``outline`` leaves
    out the user's prose and lists: each stands on lines of its own in the templates,
    and its lines, escaped, are never a heading or a fence, so the headings are all the
    same (compose's ``tables=False``)."""
    value = phrases.plain_value if plain else phrases.markdown_value
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda v: value(v, lang),
        autoescape=False,
        # Pandoc attributes ("{#id}") look like Jinja comments; move comments aside.
        comment_start_string="{##",
        comment_end_string="##}",
        # Jinja's optimizer only folds constants, which these templates hardly have;
        # without it they compile in 0.7 of the time (measured: 0.67 s against 0.9 s).
        optimized=False,
        bytecode_cache=_Compiled([COMPILED_BESIDE, *([compiled] if compiled else [])]),
    )
    env.globals["say"] = phrases.Say(lang)
    env.filters.update(
        num=lambda v, d=0: typography.number(v, d, lang),
        pln=lambda v: typography.amount(v, lang),
        amount=lambda v: typography.quantity(v, lang, unit="amount"),
        date=lambda v: typography.date(v, lang),
    )
    env.filters["sentences"] = lambda items: phrases.sentences(items, lang, plain=plain)
    env.filters["own_number"] = own_number
    if outline:
        env.filters.update(prose=_nothing, bullets=_nothing)
    elif not plain:
        env.filters.update(prose=lambda text: markdown.blocks(text, lang),
                           bullets=lambda items: markdown.bullets(items, lang))
    return env


_NUMERIC_ID = re.compile(r"\d+(\.\d+)*\.?")


def own_number(ident: str) -> Md:
    """The attribute of a heading whose item is numbered by the partnership ("2.1. Węzły
    przesiadkowe"): the document does not number it again ("4.1. 2.1. …")."""
    return Md(" {.unnumbered}" if _NUMERIC_ID.fullmatch(str(ident)) else "")


class _View(Formatting, Figures, PartnershipRows, PreparationRows, DiagnosisRows, GoalRows,
            ProjectRows, ReviewerParts, FrameworkRows):
    """Rows and lookups the templates need, computed once from the Strategy: the
    templates' names are its methods and properties, held by concern in the mixins of
    compose/view/."""

    def __init__(self, s: Strategy, lang: str, assets: Path, sections_root: Path) -> None:
        self.s, self.lang, self.assets, self.root = s, lang, assets, sections_root
        self.L = {**labels(lang), "status": status_words(s, lang)}
        self.say = phrases.Say(lang)
        self.members = {m.id: m for m in s.partnership.members}
        # Who may take part where a body is meant (a project's leader, a council seat):
        # the members and the supporting partners.
        self.entities = {**self.members, **{p.id: p for p in s.partnership.partners}}
        self.hierarchy = Hierarchy(s, lang)
        # Every kind but the record and the partnership may be missing (its chapter is
        # then left out): what the templates read of one is empty here.
        self.goals = {g.id: g.title for _, g, _ in s.goals.walk()} if s.goals else {}
        self.chapters = {c.id: c.title for c in s.diagnosis.chapters} if s.diagnosis else {}
        self.investments: list[Investment] = s.investments.investments if s.investments else []
        self.fw = framework(self.investments, s.packages.packages if s.packages else [],
                            (s.strategy.period.first, s.strategy.period.last))
        self.figures: list[Path] = []
        self.drawings: list[Drawing] = []
        self._kept_tables: KeptTables | None = None

    def include(self, name: str, **values: Any) -> Md:
        """Render a partial template as Markdown. Jinja macros would return plain strings
        that ``finalize`` escapes a second time; a rendered partial is marked as Markdown."""
        template = self._env.get_template(name)
        # A trailing newline keeps a block that follows the include a separate block.
        return Md(template.render(**{**self._context, **values}).strip("\n") + "\n")

    @cached_property
    def _context(self) -> dict[str, Any]:
        """The templates' names, computed once: every include shares them, so the rows
        of the document's tables are not rebuilt for each partial."""
        names = [n for n in dir(self) if not n.startswith("_") and n not in (
            "draw_charts", "drawings", "s", "L", "fw", "lang")]
        ctx = {n: getattr(self, n) for n in names}
        ctx.update(s=self.s, L=self.L, fw=self.fw, members=list(self.members.values()),
                   charts=self._charts)
        return ctx


def status_words(s: Strategy, lang: str) -> dict[str, str]:
    """The names of the statuses of a version: a draft for the council is so called only
    where the partnership has a council (partnership.yaml ``council``)."""
    return _by_council(s, labels(lang), "status")


def _by_council(s: Strategy, words: dict[str, Any], key: str) -> dict[str, str]:
    """labels' ``key`` (status names), the council draft's taken from
    ``key``_without_council where the partnership has no council."""
    if s.partnership.council:
        return dict(words[key])
    return {**words[key], "council": words[f"{key}_without_council"]}


def meta(s: Strategy) -> DocumentMeta:
    lang = s.strategy.language
    words = {**labels(lang), "status": status_words(s, lang)}
    record = s.strategy
    return DocumentMeta(
        title=record.title, subtitle=record.subtitle, partnership=s.partnership.name,
        version=record.version, status=record.status, status_label=words["status"][record.status],
        file_status=_by_council(s, words, "file_status")[record.status],
        date=record.date, date_text=typography.date(record.date, lang), lang=lang,
        draft_mark=None if record.status == "final" else books.fill(
            words["draft_mark"], lang, {"version": record.version}),
        toc_title=words["toc_title"], lot_title=words["lot_title"], lof_title=words["lof_title"],
        author=record.prepared_by or s.partnership.name,
        subject=record.subtitle or record.title,
        keywords=keywords(s),
    )


KEYWORDS_LIMIT = 255  # characters: what an OOXML core property holds


def keywords(s: Strategy) -> tuple[str, ...]:
    """What a catalogue or a search finds the document by, all from its content: the
    partnership, the voivodeship, the period, then the members' seats, as many as fit
    the limit of a document property (joined by "; ")."""
    record = s.strategy
    found = [s.partnership.name, s.partnership.voivodeship,
             typography.years(record.period.first, record.period.last)]
    found += [m.seat or m.name for m in s.partnership.members]
    kept: list[str] = []
    for word in dict.fromkeys(k.strip() for k in found if k.strip()):
        if len("; ".join([*kept, word])) > KEYWORDS_LIMIT:
            break
        kept.append(word)
    return tuple(kept)


def compose(s: Strategy, assets: Path, sections_root: Path,
            extra: dict[str, Any] | None = None, *, draw: bool = True,
            compiled_templates: Path | None = None, tables: bool = True,
            hand: Callable[[Drawing], None] | None = None,
            kept_tables: KeptTables | None = None) -> Composed:
    """Render the whole document; charts and copied figures go under ``assets``.
    ``extra`` gives the templates more names (a release's annex of changes). With
    ``draw=False`` the charts and maps are left in ``Composed.drawings`` for the caller
    to draw (the build draws them while pandoc reads the text). With ``tables=False``
    every table, and the user's prose and lists, are left out: the headings are all the
    same, and readiness, which reads only them, is spared most of the rendering (no
    such text is ever exported). ``hand`` is given each drawing as soon as it is made
    (the build's drawer starts on it while the rest is composed); all of them are in
    ``Composed.drawings`` either way. ``kept_tables`` gives each table as an earlier
    build composed it from the very same arguments (``compose/kepttables.py``), and
    holds this document's tables afterwards."""
    lang = s.strategy.language
    view = _View(s, lang, assets, sections_root)
    view._kept_tables = kept_tables
    if hand is not None:
        view.drawings = HandedOver(hand)
    view.__dict__.update(extra or {})
    if not tables:
        view.table = view.user_table = _no_table  # type: ignore[method-assign]
        # A chapter's indicators are tables and nothing else (diagnosis.md.j2).
        view.indicator_tables = lambda *args: []  # type: ignore[method-assign]
    view._env = environment(lang, compiled=compiled_templates, outline=not tables)
    view._charts = SimpleNamespace(**view.draw_charts())
    text = view._env.get_template("strategy.md.j2").render(**view._context)
    text = annexes.place_chapters(text, view.L, lang)  # the readiness annex's chapter numbers
    text = without_empty_lists(text, view.L)
    doc = Composed(markdown=_tidy(landscapes_joined(landscape_takes_its_lead(_tidy(text)))),
                   meta=meta(s),
                   resource_dir=assets,
                   figures=view.figures, drawings=view.drawings)
    if draw:
        doc.draw()
    return doc


def _no_table(*args: Any, **kwargs: Any) -> Md:
    return Md("")


def _nothing(value: Any) -> Md:
    return Md("")


def without_empty_lists(text: str, words: dict[str, Any]) -> str:
    """The list of figures only where the document has a figure: a strategy of a few
    sections (no map, chart or picture yet) gets no empty list under its heading."""
    if re.search(r"^!\[", text, re.MULTILINE):  # a figure (a title page's emblem is none)
        return text
    return text.replace(f"# {words['lof_title']} {{.unnumbered}}\n\n::: {{.lof}}\n:::\n", "")


LANDSCAPE = "::: {.landscape}"
LEAD_LIMIT = 700  # characters of text between a heading and its landscape table


def landscape_takes_its_lead(text: str) -> str:
    """A landscape table right under its heading and a short lead-in takes them onto
    its landscape page: otherwise the heading and a few lines would stand alone on a
    portrait page before it, the rest of that page empty."""
    blocks = text.split("\n\n")
    for i, block in enumerate(blocks):
        if block != LANDSCAPE:
            continue
        j = i - 1
        lead = 0
        while j >= 0 and not blocks[j].startswith("#") and lead <= LEAD_LIMIT:
            if blocks[j].startswith((":::", "|", "![", "- ")):
                break
            lead += len(blocks[j])
            j -= 1
        if j >= 0 and blocks[j].startswith("#") and lead <= LEAD_LIMIT:
            blocks[j:i + 1] = [LANDSCAPE, *blocks[j:i]]
    return "\n\n".join(blocks)


def landscapes_joined(text: str) -> str:
    """Landscape blocks that follow one another become one: closing one and opening the
    next would start a new landscape page for each (and a Word section between them,
    which LibreOffice shows as an empty portrait page)."""
    lines = text.split("\n")
    out: list[str] = []
    opened: list[str] = []  # the divs open at this line, innermost last
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == ":::" and opened:
            kind = opened.pop()
            k = i + 1
            while k < len(lines) and not lines[k]:
                k += 1
            if kind == LANDSCAPE and not opened and k < len(lines) and lines[k] == LANDSCAPE:
                opened.append(LANDSCAPE)  # the same block goes on
                out.append("")
                i = k + 1
                continue
        elif line.startswith(":::"):
            opened.append(line)
        out.append(line)
        i += 1
    return "\n".join(out)


def _tidy(text: str) -> str:
    """At most one blank line between blocks: the templates' loops leave extras."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and lines and not lines[-1]:
            continue
        lines.append(line)
    return "\n".join(lines).strip() + "\n"
