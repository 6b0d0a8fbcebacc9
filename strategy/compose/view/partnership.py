"""The partnership as the document describes it: its name, its members counted by kind,
the tables of members and partners, the working group, the council and the advisers."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from strategy.compose import markdown, phrases
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.language import books
from strategy.language.labels import LANGS, labels
from strategy.model.partnership import LOCAL_GOVERNMENTS


class PartnershipRows(State):
    """What the document says of the partnership and the tables of its members."""

    @property
    def coordinator(self) -> Any:
        """The member or supporting partner that coordinates the partnership, or None."""
        return self.entities.get(self.s.partnership.coordinator or "")

    @property
    def partnership_name(self) -> str:
        """``plain`` or ``named``: whether the partnership's name already says what it is
        ("Partnerstwo Północnych Kaszub", "Stowarzyszenie …"), so the document uses it as
        written instead of "Partnerstwo „Partnerstwo …”"."""
        # A name keeps its language in a document of another ("Partnerstwo Testowe" in
        # an English document): every language's words are looked for.
        stems = tuple(str(w).casefold() for lang in LANGS for w in labels(lang)["self_named"])
        name = self.s.partnership.name
        words = "".join(c if c.isalpha() else " " for c in name).split()
        if any(w.casefold().startswith(stems) for w in words):
            return "named"
        # The partnership is its coordinating body ("Górnośląsko-Zagłębiowska Metropolia",
        # a union by statute): that body's own name, never called a "Partnerstwo".
        coordinator = self.coordinator
        same = coordinator is not None and coordinator.name.casefold() == name.casefold()
        return "named" if same else "plain"

    def _count(self, key: str, kind: str, n: int, **params: Any) -> str:
        return books.fill(self.L[key][kind], self.lang, {"n": n, **params})

    @property
    def member_groups(self) -> tuple[str, str]:
        """The members counted by kind, as the sentence on the partnership says them,
        with the variant of that sentence: ``one`` group (all gminas, or all of one kind),
        several kinds of local ``governments``, or other ``bodies`` among them."""
        counts: dict[str, int] = {}
        for m in self.s.partnership.members:
            counts[m.kind] = counts.get(m.kind, 0) + 1
        gmina_kinds = [k for k in ("urban", "urban-rural", "rural") if k in counts]
        groups: list[tuple[str, str]] = []  # (kind or "gminas", words)
        for kind in counts:
            if kind in gmina_kinds:
                if kind != gmina_kinds[0] or len(gmina_kinds) == 1:
                    continue
                n = sum(counts[k] for k in gmina_kinds)
                by_kind = self.and_list([self._count("gmina_kinds", k, counts[k])
                                         for k in gmina_kinds])
                shape = "only" if len(counts) == len(gmina_kinds) else "among"
                groups.append(("gminas", self._count("gminas", shape, n, kinds=by_kind)))
            else:
                groups.append((kind, self._count("member_counts", kind, counts[kind])))
        if len(gmina_kinds) == 1:  # gminas of one kind are counted where they first stand
            kind = gmina_kinds[0]
            at = list(counts).index(kind)
            groups.insert(at, (kind, self._count("member_counts", kind, counts[kind])))
        variant = "one" if len(groups) == 1 else "governments" if all(
            k in LOCAL_GOVERNMENTS for k in counts) else "bodies"
        return variant, self.and_list([words for _, words in groups])

    @property
    def members_territory(self) -> str:
        """Whether ``all`` members are local governments, with a territory of their own,
        only some (``governments``), or ``none`` (an association of bodies)."""
        governments = self.local_governments
        return ("all" if len(governments) == len(self.s.partnership.members) else "governments"
                if governments else "none")

    @property
    def local_governments(self) -> list[Any]:
        """The members that are local governments (a territory of their own), in order."""
        return [m for m in self.s.partnership.members if m.kind in LOCAL_GOVERNMENTS]

    def identifiers(self, m: Any, *, teryt: bool = True) -> str | None:
        """A member's or partner's identifiers, each named: "KRS 0000123456"."""
        found = [books.fill(self.L["identifier"], self.lang, {"name": name, "code": code})
                 for name, code in (("TERYT", m.teryt if teryt else None), ("REGON", m.regon),
                                    ("KRS", m.krs)) if code]
        return "; ".join(found) or None

    def member_table(self, columns: list[Any], identifier_column: str) -> SimpleNamespace:
        """The members' table: the columns some member has a value for (a partnership of
        cities has no powiat to show), TERYT codes, or every identifier where some member
        has another; its source line from the members' own sources."""
        members = self.s.partnership.members
        words = [str(w) for w in columns]
        other_ids = any(m.regon or m.krs for m in members)
        if other_ids:
            words[3] = str(identifier_column)
        rows = []
        for m in members:
            year = str(m.population_year) if m.population_year else ""
            if m.population_note:
                year = f"{year} ({m.population_note})" if year else m.population_note
            rows.append([m.name, self.L["kinds"][m.kind], m.powiat or None,
                         self.identifiers(m) if other_ids else m.teryt,
                         self.q(m.area_km2, 2, escaped=False) if m.area_km2 else None,
                         self.q(m.population, 0, escaped=False) if m.population else None,
                         year or None])
        keep = [i for i in range(len(words)) if i < 2 or any(r[i] is not None for r in rows)]
        widths, align = [4, 3, 2, 2, 2, 2, 3], "lllrrrl"
        if other_ids:
            widths[3], align = 3, "llllrrl"
        years = {(m.population_year, m.population_note) for m in members if m.population}
        return SimpleNamespace(
            columns=[words[i] for i in keep], rows=[[r[i] for i in keep] for r in rows],
            widths=[widths[i] for i in keep], align="".join(align[i] for i in keep),
            source=self._sources(members, self.s.partnership.members_source),
            years="differ" if len(years) > 1 or any(y is None for y, _ in years) else "same")

    def _sources(self, entities: list[Any], given: str) -> str:
        """The source line of a table of members or partners: the one the partnership
        gives, or each entity's own source once, in their order; the partnership's own
        work when none says more."""
        if given.strip():
            return given.strip()
        found = list(dict.fromkeys(e.source.strip() for e in entities if e.source.strip()))
        return "; ".join(found) or str(phrases.Say(self.lang)("sources.own"))

    def partner_table(self, columns: list[Any]) -> SimpleNamespace:
        partners = self.s.partnership.partners
        rows = [[p.name, self.L["kinds"][p.kind], self.identifiers(p), p.role or None]
                for p in partners]
        words = [str(w) for w in columns]
        keep = [i for i in range(4) if i < 2 or any(r[i] is not None for r in rows)]
        widths = [4, 3, 3, 4]
        return SimpleNamespace(
            columns=[words[i] for i in keep], rows=[[r[i] for i in keep] for r in rows],
            widths=[widths[i] for i in keep], align="l" * len(keep),
            source=self._sources(partners, ""),
            names=self.and_list([p.name for p in partners]))

    @property
    def working_group_lead(self) -> str:
        """Whom the working group's people represent, as far as the sections say."""
        named = [p.member for p in self.s.partnership.working_group]
        ours = [m in self.members for m in named]
        if not named or any(m is None for m in named) or not any(ours):
            return "plain"
        if not all(ours):
            return "partners"
        offices = all(self.members[m].kind in LOCAL_GOVERNMENTS for m in named)
        return "members" if offices else "bodies"

    def council_line(self, seat: Any) -> Md:
        parts = [seat.function or self.L["roles"][seat.role]]
        if seat.name:
            parts.insert(0, seat.name)
        text = " – ".join(parts)
        if seat.chair:
            text += f" ({self.L['chair']})"
        return markdown.escape(text, self.lang)

    def person_line(self, p: Any) -> Md:
        bits = [p.name, p.position, self.entities[p.member].name if p.member else ""]
        text = ", ".join(b for b in bits if b)
        if p.coordinator:
            text += f" ({self.L['coordinator']})"
        return markdown.escape(text, self.lang)

    @property
    def adviser_list(self) -> str:
        return ", ".join(f"{a.name} ({a.organisation})" for a in self.s.partnership.advisers)
