"""A realistic composed document for the export tests.

It uses every construct that strategy/compose/document.py lists (title page, page break, table
of contents (titled by the exporter) and lists of tables and figures (under headings
of their own, as the compose stage writes them), numbered and unnumbered chapters on three
levels, captioned tables with ids, a long table that runs over pages, a wide table on
landscape pages, a figure with alternative text, "Źródło" lines, non-breaking spaces)
plus the review marks a Word round trip leaves (insertion, deletion, comment), in
Polish with every Polish letter.

Imported by the export test modules (pytest puts tests/ on sys.path); not a test module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from strategy.compose.document import Composed, DocumentMeta  # noqa: E402

NBSP = "\u00a0"
POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
# A sentence with every Polish letter, lower and upper case.
PANGRAM = "Zażółć gęślą jaźń. ĄĆĘŁŃÓŚŹŻ – WIELKIE LITERY: ŁÓDŹ, ŚWIĘTOKRZYSKIE, ŻNIWA."
TITLE = "Strategia rozwoju ponadlokalnego Partnerstwa „Razem dla Rozwoju” na lata 2022–2030"
FIGURE_ALT = (
    "Wykres słupkowy: liczba ludności gmin partnerstwa w 2020 r.; największa gmina "
    "Łosice (ok. 11,2 tys.), najmniejsza Sabnie (ok. 3,4 tys.)."
)
INSERTED = "wstawiony przez Radę"
DELETED = "skreślony przez Radę"
COMMENT = "Komentarz członka Rady do usunięcia"

GMINY = [
    ("Łosice", "miejsko-wiejska", "łosicki", 11218, 135.3),
    ("Huszlew", "wiejska", "łosicki", 2781, 119.6),
    ("Olszanka", "wiejska", "łosicki", 3052, 89.0),
    ("Platerów", "wiejska", "łosicki", 5109, 140.1),
    ("Sarnaki", "wiejska", "łosicki", 5602, 192.7),
    ("Stara Kornica", "wiejska", "łosicki", 4595, 167.0),
    ("Sabnie", "wiejska", "sokołowski", 3412, 101.4),
    ("Sterdyń", "wiejska", "sokołowski", 4033, 176.2),
    ("Korczew", "wiejska", "siedlecki", 2839, 116.4),
    ("Przesmyki", "wiejska", "siedlecki", 3688, 146.9),
]


def number(value: float, decimals: int = 0) -> str:
    """Polish number: NBSP thousands separator, decimal comma."""
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return text


def meta(status: str = "council") -> DocumentMeta:
    final = status == "final"
    version = "1.0" if final else "0.3"
    label = "wersja ostateczna" if final else "projekt dla Rady Partnerstwa"
    return DocumentMeta(
        title=TITLE,
        subtitle="Diagnoza, cele i kierunki działań",
        partnership="Partnerstwo „Razem dla Rozwoju”",
        version=version,
        status=status,
        status_label=label,
        file_status="ostateczna" if final else "rada",
        date=dt.date(2021, 5, 27),
        date_text="27 maja 2021 r.",
        lang="pl",
        draft_mark=None if final else f"PROJEKT – wersja {version}",
        toc_title="Spis treści",
        lot_title="Spis tabel",
        lof_title="Spis rysunków",
        author="Grupa robocza Partnerstwa „Razem dla Rozwoju”",
        subject="Strategia rozwoju ponadlokalnego",
        keywords=("strategia", "partnerstwo", "Łosice", "rozwój ponadlokalny"),
    )


def _chart(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [g[0] for g in GMINY]
    values = [g[3] / 1000 for g in GMINY]
    fig, ax = plt.subplots(figsize=(6.3, 3.2), dpi=150)
    ax.bar(names, values, color="#1f3a5f")
    ax.set_ylabel("tys. osób")
    ax.set_title("Ludność gmin partnerstwa, 2020 r.")
    ax.tick_params(axis="x", labelrotation=35, labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    # No timestamp in the PNG: the same chart gives the same bytes.
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def _members_table() -> str:
    rows = "\n".join(
        f"| {name} | gmina {kind} | {powiat} | {number(people)} | {number(area, 1)} |"
        for name, kind, powiat, people, area in GMINY
    )
    return (
        "| Gmina | Rodzaj | Powiat | Ludność [osoby] | Powierzchnia [km²] |\n"
        "|:------|:-------|:-------|---------:|---------:|\n"
        f"{rows}\n\n"
        ": Członkowie partnerstwa i ich podstawowe dane {#tbl:czlonkowie}\n"
    )


def _long_table() -> str:
    """Sixty rows: runs over a page break, so its header row has to repeat."""
    lines = [
        "| Lp. | Wskaźnik | Jednostka | Wartość bazowa | Wartość docelowa |",
        # Dashes set the relative column widths of a table with long rows.
        "|---:|:----------------------------------|:-----|---------:|---------:|",
    ]
    for i in range(1, 61):
        gmina = GMINY[i % len(GMINY)][0]
        lines.append(
            f"| {i} | Długość ścieżek rowerowych – gmina {gmina} (odcinek {i}) "
            f"| km | {number(i * 1.5, 1)} | {number(i * 2.25, 1)} |"
        )
    return "\n".join(lines) + "\n\n: Wskaźniki rezultatu dla celów operacyjnych {#tbl:wskazniki}\n"


def _wide_table() -> str:
    header = (
        "| Przedsięwzięcie | Lider | Partnerzy | Lokalizacja | Koszt [zł] "
        "| Środki UE [zł] | Budżet państwa [zł] | Środki własne [zł] | Lata |"
    )
    rule = (
        "|:--------------------|:---------|:-------------|:-----------"
        "|----------:|----------:|----------:|----------:|:-------|"
    )
    rows = []
    for i, (name, _, powiat, people, _) in enumerate(GMINY[:6], start=1):
        cost = people * 350.0
        rows.append(
            f"| P{i}. Modernizacja świetlicy wiejskiej i zagospodarowanie placu "
            f"w gminie {name} | Gmina {name} | Powiat {powiat}, LGD „Zielone Sąsiedztwo” "
            f"| {name}, sołectwa Żórawiec i Źrebce | {number(cost, 2)} "
            f"| {number(cost * 0.7, 2)} | {number(cost * 0.1, 2)} | {number(cost * 0.2, 2)} "
            f"| 2023–2026 |"
        )
    return (
        "\n".join([header, rule, *rows])
        + "\n\n: Lista wspólnych przedsięwzięć z ramami finansowymi {#tbl:przedsiewziecia}\n"
    )


def sample_markdown(status: str = "council") -> str:
    nb = NBSP
    about = meta(status)
    return f"""::: {{.titlepage}}
Partnerstwo „Razem dla Rozwoju”

{TITLE}

Diagnoza, cele i kierunki działań

Wersja {about.version} – {about.status_label}

27 maja 2021{nb}r.
:::

::: {{.pagebreak}}
:::

::: {{.toc}}
:::

::: {{.pagebreak}}
:::

# Wprowadzenie {{#wprowadzenie .unnumbered}}

{PANGRAM} Strategia powstała w{nb}partnerstwie 16 samorządów: Miasta i{nb}Gminy Łosice,
Powiatu Łosickiego oraz gmin z{nb}powiatów łosickiego, sokołowskiego i{nb}siedleckiego.
Dokument jest [{INSERTED}]{{.insertion author="Rada" date="2021-05-20T10:00:00Z"}} tekstem
[{DELETED}]{{.deletion author="Rada" date="2021-05-20T10:00:00Z"}} roboczym.
[{COMMENT}]{{.comment-start id="0" author="Rada" date="2021-05-20T10:00:00Z"}}Tekst
skomentowany.[]{{.comment-end id="0"}}

Prace prowadziła grupa robocza:

- diagnoza sytuacji społecznej, gospodarczej i{nb}przestrzennej,
- cele strategiczne i{nb}kierunki działań,
- wspólne przedsięwzięcia i{nb}ramy finansowe.

# Diagnoza sytuacji społecznej, gospodarczej i przestrzennej {{#diagnoza}}

Diagnoza obejmuje obszar wszystkich członków partnerstwa. Źródłem danych jest Bank
Danych Lokalnych GUS; wartości podano z{nb}rokiem i{nb}źródłem.

## Demografia {{#demografia}}

Liczba ludności obszaru spada od dekady. Łączna liczba mieszkańców dziesięciu gmin
wynosi {number(sum(g[3] for g in GMINY))} osób (2020{nb}r.).

{_members_table()}
::: {{.source}}
Źródło: GUS, Bank Danych Lokalnych; rejestr TERC (stan na 1{nb}stycznia 2024{nb}r.).
:::

![Ludność gmin partnerstwa w 2020 r.](charts/ludnosc.png){{#fig:ludnosc fig-alt="{FIGURE_ALT}"}}

::: {{.source}}
Źródło: opracowanie własne na podstawie danych GUS.
:::

### Struktura wieku {{#struktura-wieku}}

Udział osób w{nb}wieku poprodukcyjnym rośnie we wszystkich gminach; najszybciej
w{nb}gminach Sabnie i{nb}Sterdyń. ŻŁOBKI I{nb}PRZEDSZKOLA: ŹRÓDŁO ZMIAN – ĆWICZENIE.

## Gospodarka i rynek pracy {{#gospodarka}}

Obszar ma charakter rolniczy; przeważają gospodarstwa rodzinne. Poniższa tabela
zestawia wskaźniki rezultatu.

{_long_table()}
::: {{.source}}
Źródło: opracowanie własne partnerstwa.
:::

# Wspólne przedsięwzięcia {{#przedsiewziecia}}

Partnerstwo planuje sześć wspólnych przedsięwzięć. Szczegóły zawiera tabela na
stronie poziomej.

::: {{.landscape}}
{_wide_table()}
::: {{.source}}
Źródło: fiszki projektowe członków partnerstwa.
:::
:::

## System realizacji {{#realizacja}}

Strategię realizuje lider we współpracy z{nb}członkami; monitoring prowadzi zespół
ds. wdrażania.

# Spis tabel {{#spis-tabel .unnumbered}}

::: {{.lot}}
:::

# Spis rysunków {{#spis-rysunkow .unnumbered}}

::: {{.lof}}
:::
"""


def sample_composed(folder: Path, status: str = "council") -> Composed:
    """The sample document, its chart written under ``folder``."""
    chart = folder / "charts" / "ludnosc.png"
    if not chart.exists():
        _chart(chart)
    return Composed(
        markdown=sample_markdown(status),
        meta=meta(status),
        resource_dir=folder,
        figures=[chart],
    )
