"""Words of the calculator's answers, in the answer's language (messages/<language>.toml): figures as
the document prints them, names of what they are, the formula, the notes on disagreements, the
questions back. Nothing here decides a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from calculator.config import Config
from calculator.cube import Fact, Want
from calculator.execute import MIXED, PERCENT, RATIO, Figure, Operand, Result
from calculator.intent import MONEY, POSTS, QUANTITY, YEAR, Intent, Option, Stop
from calculator.lexicon import Lexicon
from messages import catalog, t

MONEY_UNIT = "thousand USD"


def fmt(value: float, unit: str, whole: bool = False) -> str:
    """A figure as the document writes it: space-separated thousands, one decimal for thousands of
    dollars (none when the operands had none, as in whole thousands and counts of posts, unless the
    figure computed from them has a fraction: an average of 36.4 posts is not "36")."""
    if unit == PERCENT:
        return _half_up(value, 1, "")
    if unit == RATIO:
        return _half_up(value, 2, "")
    if (unit != MONEY_UNIT or whole) and abs(value - round(value)) < 0.05:
        return _half_up(value, 0, " ").replace("-", "−")
    return _half_up(value, 1, " ").replace("-", "−")  # (an average keeps its tenth)


def _half_up(value: float, places: int, thousands: str) -> str:
    """A figure rounded as people round it, with `thousands` between groups of three digits."""
    return f"{_exact(value, places):,.{places}f}".replace(",", thousands)


def rounded(value: float, places: int) -> float:
    """A figure rounded as people round it: 164.35 is 164.4 (binary floating point would give 164.3)."""
    return float(_exact(value, places))


def _exact(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def amount(value: float, unit: str, language: str, whole: bool = False, short: bool = False) -> str:
    """ "59 531.6 thousand US dollars (US$ 59.5 million)", "47 posts", "33.4%", "3.15 times"; `short`:
    without the millions (in a list)."""
    if unit == PERCENT:
        return f"{fmt(value, unit)}%"
    words = t(f"unit.{unit}", language) if _known(f"unit.{unit}") else unit
    if value == 1 and f"unit_one.{unit}" in catalog(language):  # "1 post" where a language says so
        words = t(f"unit_one.{unit}", language)
    text = f"{fmt(value, unit, whole)} {words}".strip()
    if unit == MONEY_UNIT and abs(value) >= 1000 and not short:
        big = _half_up(value / float(t("calc.millions_divisor", language)), 1, " ").replace("-", "−")
        millions = t("calc.millions", language, value=big)
        text += t("calc.aside", language, aside=millions)
    return text


def cite_label(kind: str, ident: str, labels: dict[tuple[str, str], str]) -> str:
    """The label a citation shows: the document's own, or a table's in both languages."""
    if (kind, ident) in labels:
        return labels[(kind, ident)]
    if kind == "paragraph":
        return f"¶{ident}"
    return t("calc.cite_table_both", "en", id=ident)


@dataclass
class Phrased:
    """An answer's words and the sources it cites."""

    text: str
    formula: str = ""
    sources: list[tuple[str, str]] = field(default_factory=list)  # (kind, id), answering first
    read_as: str = ""
    described: str = ""  # what was computed, in words (read_as without its "Read as:")


class Phraser:
    """Names, amounts and sentences for results and stops."""

    def __init__(self, lexicon: Lexicon, config: Config, labels: dict[tuple[str, str], str]):
        self.lexicon = lexicon
        self.config = config
        self.labels = labels
        self.years: list[int] = []  # the years the document gives figures for (set by the calculator)
        self.year_tables: list[str] = []  # the tables that give figures for several years

    # -- names -------------------------------------------------------------------------------------
    def member(self, dimension: str, key: str, language: str) -> str:
        if dimension == YEAR:
            return str(key)
        return self.lexicon.name(dimension, key, language)

    def what(
        self, want: Want, language: str, scope: tuple[tuple[str, str], ...] = (), yearless: bool = False
    ) -> str:
        """What a figure is: its members in the configured order, a qualifier in brackets, "for" whom, the
        year when it is not the budget year's, and the scope a table added."""
        coords = dict(want.coords)
        basis = coords.pop("basis", "")
        whom = [d for d in self.config.role("whom") if d in coords]
        nouns = [d for d in self.config.name_order if d in coords and d not in whom]
        qualifiers = []
        for dim in self.config.role("qualifier"):  # "<object> (<source>)"
            if dim in nouns and len(nouns) > 1 and want.measure != POSTS:
                nouns.remove(dim)
                qualifiers.append(self.member(dim, coords[dim], language))
        parts = [self.member(d, coords[d], language) for d in nouns]
        if want.measure == QUANTITY and not parts:
            parts = [t("calc.deliverables", language)]
        if want.measure == POSTS:
            key = {"added": "calc.posts_added", "cumulative": "calc.posts_plan"}.get(basis, "calc.posts")
            core = t(f"{key}_by_year" if basis and yearless else key, language, year=want.year)
            joined = t("calc.word_sep", language).join([*parts, core])
            what = joined if parts else core
        else:
            what = t("calc.and", language).join(parts) if parts else t("calc.total_resources", language)
        if qualifiers:
            what = t("calc.scope", language, what=what, scope=", ".join(qualifiers))
        for dim in whom:
            what = t("calc.for", language, what=what, whom=self.member(dim, coords[dim], language))
        lines = set(self.config.role("line"))
        dated = want.year != self.config.budget_year or want.year_given and bool(lines & set(coords))
        # posts asked for with no year: the budget year's, said (a staffing plan gives later years too)
        dated = dated or want.measure == POSTS and not want.year_given and not yearless
        if (want.measure != POSTS or not basis) and dated and not yearless:
            what = t("calc.in_year", language, what=what, year=want.year)
        if scope:
            shown = ", ".join(self.member(d, k, language) for d, k in scope)
            what = t("calc.scope", language, what=what, scope=shown)
        return what

    def operand_name(self, result: Result, operand: Operand, language: str) -> str:
        varying = result.intent.varying
        if varying and operand.key:
            return self.member(varying[0], operand.key, language)
        return self.what(operand.figure.want, language, operand.figure.scope)

    # -- the answer --------------------------------------------------------------------------------
    def cite(self, facts: list[Fact]) -> tuple[str, list[tuple[str, str]]]:
        sources = list(dict.fromkeys((_kind(f), f.source) for f in facts))
        return " ".join(f"[{cite_label(k, s, self.labels)}]" for k, s in sources), sources

    def formula(self, result: Result, language: str = "zh") -> str:
        """How the figure was computed, from the printed cells (their labels in the answer's language)."""
        unit = result.unit
        ops = result.operands
        whole = all(o.figure.whole for o in ops) if ops else False
        whole = whole and result.operation not in ("average", "per_post")  # 3 621.6, not 3 622
        value = fmt(result.value, unit, whole)
        raws = [o.figure.raw for o in ops]
        match result.operation:
            case "lookup":
                fact = ops[0].figure.facts[0]
                if len(ops[0].figure.facts) > 1:
                    return f"{' + '.join(f.raw for f in ops[0].figure.facts)} = {value}"
                where = cite_label(_kind(fact), fact.source, self.labels)
                if fact.source_kind == "paragraph":
                    return f"{where}: {self.printed(fact, language)} = {value}"
                row, column = fact.labels(language)
                return f"{where}: {row} × {column} = {fact.raw}"
            case "sum" | "breakdown":
                if result.unit == MIXED:
                    return ""  # (figures of different units: listed, never added)
                return f"{' + '.join(raws)} = {value}"
            case "list":
                return ""  # (figures that do not add up: listed, no total)
            case "difference":
                if unit == PERCENT:
                    return f"({raws[0]} − {raws[1]}) ÷ {raws[1]} = {value}%"
                return f"{raws[0]} − {raws[1]} = {value}"
            case "decrease":
                if unit == PERCENT:
                    return f"({raws[0]} − {raws[1]}) ÷ {raws[0]} = {value}%"
                return f"{raws[0]} − {raws[1]} = {value}"
            case "change":
                if unit == PERCENT:
                    return f"({raws[1]} − {raws[0]}) ÷ {raws[0]} = {value}%"
                return f"{raws[1]} − {raws[0]} = {value}"
            case "ratio":
                return f"{raws[0]} ÷ {raws[1]} = {value}"
            case "share":
                assert result.whole is not None
                part = raws[0] if len(raws) == 1 else "(" + " + ".join(raws) + ")"
                return f"{part} ÷ {result.whole.raw} = {value}%"
            case "average":
                return f"({' + '.join(raws)}) ÷ {len(raws)} = {value}"
            case "per_post":
                return f"{raws[0]} ÷ {raws[1]} = {value}"
            case "rank":
                word = "max" if result.intent.largest else "min"
                if result.intent.nth != 1:  # the place asked for, counted from the largest (or smallest)
                    ranked = sorted(ops, key=lambda o: o.figure.value, reverse=result.intent.largest)
                    order = ", ".join(o.figure.raw for o in ranked)
                    return f"{'↓' if result.intent.largest else '↑'}({order}) #{result.intent.nth} = {value}"
                return f"{word}({', '.join(raws)}) = {value}"
            case "count":
                return str(int(result.value))
            case "place":
                ranked = sorted(ops, key=lambda o: o.figure.value, reverse=result.intent.largest)
                order = ", ".join(o.figure.raw for o in ranked)
                return f"{'↓' if result.intent.largest else '↑'}({order}) → #{int(result.value)}"
            case "filter":
                kind, limit = result.intent.threshold  # type: ignore[misc]
                sign = {"above": ">", "at_least": "≥", "below": "<", "at_most": "≤", "equal": "="}[kind]
                limit_text = fmt(limit, ops[0].figure.unit, limit.is_integer())
                return f"#{{x ∈ ({', '.join(raws)}) : x {sign} {limit_text}}} = {value}"
        return value

    @staticmethod
    def printed(fact: Fact, language: str) -> str:
        """A paragraph's figure as the answer's language writes it: as printed in the official language,
        else in millions (money) or with the unit's words, never the official script's."""
        if language == "zh" or fact.raw.isascii():
            return fact.raw
        if fact.unit == MONEY_UNIT:
            big = _half_up(fact.value / float(t("calc.millions_divisor", language)), 1, " ")
            return t("calc.millions", language, value=big)
        return amount(fact.value, fact.unit, language, short=True)

    def answer(self, result: Result, language: str) -> Phrased:
        figures = result.figures
        facts = [f for fig in figures for f in fig.facts]
        cite, sources = self.cite(facts)
        formula = self.formula(result, language)
        whole_digits = all(o.figure.whole for o in result.operands) if result.operands else True
        whole_digits = whole_digits and result.operation not in ("average", "per_post")
        value = amount(result.value, result.unit, language, whole_digits)
        sep = t("calc.list_sep", language)
        colon = t("calc.label_sep", language)
        listing = sep.join(
            f"{self.operand_name(result, o, language)}{colon}"
            f"{amount(o.figure.value, o.figure.unit, language, o.figure.whole, short=True)}"
            for o in result.operands
        )
        op = result.operation
        if op == "lookup":
            text = self._lookup(result.operands[0].figure, language, cite, value)
        elif op == "rank":
            names = [self.member(result.intent.varying[0], k, language) for k in result.winners]  # type: ignore[index]
            plural = "_plural" if len(names) > 1 else ""
            word = t(f"calc.rank_{'largest' if result.intent.largest else 'smallest'}{plural}", language)
            if result.intent.nth != 1:
                end = "largest" if result.intent.largest else "smallest"
                word = t(f"calc.rank_nth_{end}", language, nth=result.intent.nth)
            text = t(
                "calc.rank",
                language,
                best=t("calc.and", language).join(names),
                word=word,
                amount=value,
                cite=cite,
                listing=listing,
            )
        elif op == "list":
            text = t("calc.listing", language, listing=listing, cite=cite)
        elif op == "breakdown" and result.unit == MIXED:
            whole = self._name_without_year(result.operands[0].figure.want.with_(deliverable="*"), language)
            text = t("calc.list", language, whole=whole, listing=listing, cite=cite)
        elif op == "breakdown" and not self._all_members(result):
            text = t("calc.sum", language, listing=listing, amount=value, formula=formula, cite=cite)
        elif op == "breakdown":
            base = result.operands[0].figure.want
            whole_want = (
                base.with_(**{result.intent.varying[0]: "*"})
                if result.intent.varying and result.intent.varying[0] != YEAR
                else base
            )  # type: ignore[index]
            whole_name = self.what(whole_want, language)
            if result.intent.varying and result.intent.varying[0] == YEAR:
                text = t(
                    "calc.breakdown_years",
                    language,
                    whole=self._name_without_year(base, language),
                    listing=listing,
                    cite=cite,
                )
            else:
                text = t(
                    "calc.breakdown",
                    language,
                    whole=whole_name,
                    amount=value,
                    cite=cite,
                    listing=listing,
                    formula=formula,
                )
                if result.whole is not None and abs(result.whole.value - result.value) > 0.15:
                    wcite, wsources = self.cite(list(result.whole.facts))
                    text += t(
                        "calc.whole_differs",
                        language,
                        sum=fmt(result.value, result.unit, whole_digits),
                        cite=wcite,
                        raw=result.whole.raw,
                    )
                    sources += [s for s in wsources if s not in sources]
        elif op == "share":
            assert result.whole is not None
            whole_name = self.what(result.whole.want, language, result.whole.scope)
            if result.intent.whole_over:  # "of <members> together"
                dim, members = result.intent.whole_over
                names = t("calc.enum_sep", language).join(self.short_name(dim, m, language) for m in members)
                whole_name = t("calc.whole_over", language, what=whole_name, members=names)
            if len(result.operands) == 1:
                part = self.what(result.operands[0].figure.want, language, result.operands[0].figure.scope)
                text = t(
                    "calc.share",
                    language,
                    part=part,
                    whole=whole_name,
                    amount=value,
                    formula=formula,
                    cite=cite,
                )
            else:
                whole = result.whole.value
                shares = sep.join(
                    f"{self.operand_name(result, o, language)}{colon}{o.figure.value / whole * 100:.1f}%"
                    for o in result.operands
                )
                text = t(
                    "calc.share_each",
                    language,
                    whole=whole_name,
                    listing=shares,
                    amount=value,
                    formula=formula,
                    cite=cite,
                )
        elif op == "per_post":
            money, posts = result.operands
            coords = dict(posts.figure.want.coords)
            whom = t("calc.and", language).join(
                self.member(d, k, language) for d, k in sorted(coords.items())
            ) or t("calc.all_posts", language)
            text = t(
                "calc.per_post",
                language,
                whom=whom,
                amount=value,
                formula=formula,
                money=money.figure.raw,
                posts=posts.figure.raw,
                cite=cite,
            )
        elif op == "count":
            dim = result.extra["dimension"]
            members = [self.member(dim, k, language) for k in result.extra["members"]]
            source = result.extra.get("source")
            cite, sources = self.cite([source]) if source else ("", [])
            what = self.plural_name(dim, result.extra["members"], language)
            text = t(
                "calc.count", language, n=int(result.value), what=what, members=sep.join(members), cite=cite
            )
        elif op == "place":
            dim, keys = result.intent.varying  # type: ignore[misc]
            end = "largest" if result.intent.largest else "smallest"
            tied = result.extra.get("tied", [])
            text = t(
                "calc.place",
                language,
                member=self.member(dim, result.intent.place_of, language),
                n=int(result.value),
                total=len(result.operands),
                what=self.plural_name(dim, list(keys), language),
                base=self.compared_by(result, language),
                order=t(f"calc.place_{end}", language),
                listing=listing,
                cite=cite,
            )
            if tied:
                text += t(
                    "calc.place_tied", language, others=sep.join(self.member(dim, k, language) for k in tied)
                )
        elif op == "filter":
            dim, keys = result.intent.varying  # type: ignore[misc]
            passing = [self.member(dim, k, language) for k in result.winners]
            text = t(
                "calc.filter",
                language,
                n=int(result.value),
                total=len(result.operands),
                what=self.plural_name(dim, [o.key for o in result.operands], language),
                base=self.compared_by(result, language),
                compared=self.compared(result, language),
                members=sep.join(passing) if passing else t("calc.none_of_them", language),
                listing=listing,
                cite=cite,
            )
        elif op == "difference":  # said with its direction: "A is 284 less than B"
            first, second = (self.operand_name(result, o, language) for o in result.operands)
            key = (
                "difference"
                if result.value > 0
                else "difference_less"
                if result.value < 0
                else "difference_same"
            )
            size = amount(abs(result.value), result.unit, language, whole_digits)
            text = t(
                f"calc.{key}",
                language,
                listing=listing,
                first=first,
                second=second,
                amount=size,
                formula=formula,
                cite=cite,
            )
        else:
            text = t(f"calc.{op}", language, listing=listing, amount=value, formula=formula, cite=cite)
        text += self.notes(result, language, sources)
        text = text[:1].upper() + text[1:]
        return Phrased(
            text,
            formula,
            sources,
            self.read_as(result.intent, language, result),
            self.described(result.intent, language, result),
        )

    def _all_members(self, result: Result) -> bool:
        """Whether a breakdown runs over every member of its dimension (then the whole is the total)."""
        dim, keys = result.intent.varying or ("", ())
        spec = self.config.dimensions.get(dim)
        return spec is None or set(keys) >= set(spec.members)

    def plain(self, value: float, unit: str, language: str) -> str:
        """A prose figure in the reader's words (millions of dollars, or the language's own large unit)."""
        if unit != MONEY_UNIT:
            return amount(value, unit, language)
        divisor = float(t("calc.millions_divisor", language))
        return t("calc.prose_money", language, value=f"{value / divisor:,.1f}".replace(",", " "))

    def _name_without_year(self, want: Want, language: str) -> str:
        from dataclasses import replace

        yearless = replace(want, year=self.config.budget_year, year_given=False)
        return self.what(yearless, language, yearless=True)

    def _lookup(self, figure: Figure, language: str, cite: str, value: str) -> str:
        fact = figure.facts[0]
        name = self.what(figure.want, language, figure.scope)
        if len(figure.facts) == 1 and fact.nil:
            return t("calc.nil", language, name=name, raw=fact.raw, cite=cite)
        if len(figure.facts) == 1 and fact.source_kind == "paragraph":
            return t("calc.prose_only", language, name=name, amount=value, cite=cite, quote=fact.row)
        text = t("calc.lookup", language, name=name, amount=value, cite=cite)
        if figure.value < 0 and len(figure.facts) == 1:
            text = (
                text.rstrip(t("calc.full_stop", language))
                + t("calc.negative", language, raw=fact.raw)
                + t("calc.full_stop", language)
            )
        return text

    def notes(self, result: Result, language: str, sources: list[tuple[str, str]]) -> str:
        """Disagreements, prose, doubts about a table, estimates, sums of parts, readings chosen."""
        text = ""
        seen: set[tuple[str, str]] = set()
        for figure in result.figures:
            if figure.summed and len(result.figures) == 1:
                text += t(
                    "calc.summed",
                    language,
                    name=self.what(figure.want, language),
                    formula=" + ".join(f.raw for f in figure.facts) + f" = {fmt(figure.value, figure.unit)}",
                )
            tables_by_raw: dict[str, list[str]] = {}  # one note per printed figure, citing each table
            for other in figure.others:
                if other.source_kind != "paragraph" and (other.source, other.raw) not in seen:
                    tables_by_raw.setdefault(other.raw, []).append(
                        f"[{cite_label(_kind(other), other.source, self.labels)}]"
                    )
            for other in figure.others:
                if (other.source, other.raw) in seen:
                    continue
                seen.add((other.source, other.raw))
                cite = f"[{cite_label(_kind(other), other.source, self.labels)}]"
                if other.source_kind != "paragraph":
                    sources.append((_kind(other), other.source))
                    cites = tables_by_raw.pop(other.raw, None)
                    if cites:
                        text += t(
                            "calc.other_table",
                            language,
                            cite=t("calc.and", language).join(cites) if len(cites) == 2 else ", ".join(cites),
                            raw=other.raw,
                            name=self.what(figure.want, language),
                        )
                    continue
                if other.source_kind == "paragraph":
                    text += t(
                        "calc.other_prose" if len(result.figures) == 1 else "calc.other_prose_of",
                        language,
                        name=self.what(figure.want, language),
                        cite=cite,
                        raw=other.raw,
                        amount=self.plain(other.value, other.unit, language),
                        quote=other.row,
                    )
                sources.append((_kind(other), other.source))
            for agree in figure.agree:
                cite = f"[{cite_label('paragraph', agree.source, self.labels)}]"
                key = "calc.agree_prose" if len(result.figures) == 1 else "calc.agree_prose_of"  # (of which?)
                name = self.what(figure.want, language)
                text += t(key, language, cite=cite, raw=agree.raw, quote=agree.row, name=name)
                sources.append(("paragraph", agree.source))
            if figure.lines is not None and len(result.figures) == 1:
                expected, lines = figure.lines
                first = figure.facts[0]
                printed = [(sign, f) for sign, f in lines if not f.nil]  # (a nil line adds nothing)
                signs = [(" − " if sign < 0 else " + ") if i else "" for i, (sign, _) in enumerate(printed)]
                formula = "".join(f"{sign}{f.raw}" for sign, (_, f) in zip(signs, printed, strict=True))
                text += t(
                    "calc.own_lines",
                    language,
                    table=cite_label(_kind(first), first.source, self.labels),
                    raw=first.raw,
                    expected=fmt(expected, first.unit, all("." not in f.raw for _, f in printed)),
                    formula=formula,
                )
            if figure.doubt is not None:
                text += t("calc.doubt", language, **self.doubt_values(figure))
                sources.append(self.doubt_sources(figure)[1])
        scopes = {s for f in result.figures for s in f.scope}
        if scopes and result.operation != "lookup":
            first = result.figures[0].facts[0]
            text += t(
                "calc.scope_note",
                language,
                cite=cite_label(_kind(first), first.source, self.labels),
                scope=", ".join(self.member(d, k, language) for d, k in sorted(scopes)),
            )
        estimates = sorted({f.year for fig in result.figures for f in fig.facts if f.estimate})
        if estimates:
            text += t(
                "calc.estimate",
                language,
                years=t("calc.comma", language).join(map(str, estimates)),
            )
        for note in result.intent.notes:
            if note.startswith("~"):
                wrong, right = note[1:].split("=", 1)
                text += t("calc.corrected", language, wrong=wrong, right=right)
                continue
            words, reading = note.split("=", 1)
            dim, key = reading.split(":", 1)
            name, kind = self.member(dim, key, language), t(f"calc.dims.{dim}", language)
            what = name if kind in name else t("calc.scope", language, what=name, scope=kind)
            text += t("calc.reading_note", language, words=words, what=what)
        deduped = list(dict.fromkeys(sources))
        sources[:] = deduped
        return text

    def plural_name(self, dim: str, keys: list[str], language: str) -> str:
        """The head noun naming exactly these members, else the dimension's plural."""
        spec = self.config.dimensions.get(dim)
        named = next((h for h, ms in (spec.heads if spec else {}).items() if set(ms) == set(keys)), dim)
        if _known(f"calc.dims.{_plural(named)}"):
            return t(f"calc.dims.{_plural(named)}", language)
        return t(f"calc.dims.{_plural(dim)}", language)

    def compared_by(self, result: Result, language: str) -> str:
        """The figure the members of a place or a filter are compared by ("posts in <the year>"); over years,
        the figure without its year."""
        first = result.operands[0].figure.want
        if result.intent.varying and result.intent.varying[0] == YEAR:
            return self._name_without_year(first, language)
        return self.what(Want(result.intent.measure, tuple(result.intent.fixed), first.year), language)

    def compared(self, result: Result, language: str) -> str:
        """ "above 40 posts": a filter's comparison with the question's number, in words."""
        kind, limit = result.intent.threshold  # type: ignore[misc]
        unit = result.operands[0].figure.unit
        return t(f"calc.threshold.{kind}", language, limit=amount(limit, unit, language, limit.is_integer()))

    def read_as(self, intent: Intent, language: str, result: Result | None = None) -> str:
        """How the question was read, in words: "Read as: …"."""
        return t("calc.read_as", language, what=self.described(intent, language, result))

    def described(self, intent: Intent, language: str, result: Result | None = None) -> str:
        """What a reading asks for, in words ("total resources for <member>")."""
        if result is not None and result.operands:
            figure = result.operands[0].figure
            if result.operation == "lookup":
                return self.what(figure.want, language, figure.scope)
            names = [self.operand_name(result, o, language) for o in result.operands]
            year = intent.year or self.config.budget_year
            base = self.what(Want(intent.measure, tuple(intent.fixed), year), language)
            operation = result.operation
            if operation == "rank":
                operation = t("calc.rank_largest" if intent.largest else "calc.rank_smallest", language)
            if operation == "place":
                operation = t(f"calc.place_{'largest' if intent.largest else 'smallest'}", language)
            if operation == "filter":
                operation = self.compared(result, language)
            return f"{base} — {operation}: " + t("calc.list_sep", language).join(names)
        return intent.operation

    # -- stops -------------------------------------------------------------------------------------
    def doubt_values(self, figure: Figure) -> dict[str, str]:
        """What is said of a figure from a table in doubt (in a note, or refusing it): the table, its figure,
        and the table's total that another table gives differently."""
        assert figure.doubt is not None
        total, better = figure.doubt
        first = figure.facts[0]
        return {
            "table": cite_label(_kind(first), first.source, self.labels),
            "printed": first.raw,
            "raw": total.raw,
            "other": cite_label(_kind(better), better.source, self.labels),
            "other_raw": better.raw,
        }

    def doubt_sources(self, figure: Figure) -> list[tuple[str, str]]:
        assert figure.doubt is not None
        first, (_, better) = figure.facts[0], figure.doubt
        return [(_kind(first), first.source), (_kind(better), better.source)]

    def stop(self, stop: Stop, language: str) -> str:
        values = dict(stop.values)
        if isinstance(values.get("want"), Want):  # (the horizon is asked: no year said with it)
            values["what"] = self.what(values["want"], language, yearless=stop.message == "which_horizon")
        if stop.message == "which_member" and values.get("dimension") in self.config.dimensions:
            spec = self.config.dimensions[values["dimension"]]
            values["members"] = list(spec.heads.get(values["head"], spec.members))
        if "members" in values:
            dim = values.get("dimension") or self._head_dimension(values.get("head", ""))
            values["members"] = t("calc.list_sep", language).join(
                self.member(dim, k, language) for k in values["members"]
            )
        if "head" in values:
            values["head"] = (
                t(f"calc.dims.{values['head']}", language)
                if _known(f"calc.dims.{values['head']}")
                else values["head"]
            )
        if "words" in values and isinstance(values["words"], list):
            values["words"] = " ".join(values["words"])
        if stop.message in ("change_of_what", "average_of_what"):
            values["tables"] = t("calc.comma", language).join(
                cite_label("table", table, self.labels) for table in self.year_tables
            )
            values["span"] = f"{self.years[0]}-{self.years[-1]}" if self.years else ""
        if stop.message == "which_year":
            years = values.get("years") or self.years
            values["years"] = ", ".join(map(str, years)) if values.get("years") else f"{years[0]}-{years[-1]}"
        elif "years" in values:
            values["years"] = ", ".join(map(str, values["years"]))
        text = t(f"calc.stop.{stop.message}", language, **values)
        hints = [h for h in values.get("hints", []) if isinstance(h, Figure)]
        if hints:
            shown = t("calc.list_sep", language).join(
                f"{self.what(h.want, language, h.scope)}{t('calc.label_sep', language)}"
                f"{amount(h.value, h.unit, language, h.whole)} "
                f"[{cite_label(_kind(h.facts[0]), h.facts[0].source, self.labels)}]"
                for h in hints
            )
            text += t("calc.stop.hints", language, hints=shown)
        return text

    def _head_dimension(self, head: str) -> str:
        return self.lexicon.heads.get(head, head)

    def options(self, stop: Stop, reading_text: str, language: str) -> tuple[Option, ...]:
        """Questions to click for a question back: the question with the unbound head made a member."""
        if stop.message not in ("which_member", "which_member_or_all"):
            return stop.options
        dim = stop.values["dimension"]
        head = stop.values["head"]
        spec = self.config.dimensions.get(dim)
        if spec is None:
            return ()
        found = []
        if stop.message == "which_member_or_all":  # the question asked of each member, or of all together
            sep = t("calc.label_sep", language)
            for key in stop.values["members"]:
                name = self.short(dim, key, head, language)
                found.append(Option(self.member(dim, key, language), f"{name}{sep}{reading_text}"))
            together = t("calc.in_total", language)
            label = t("calc.all_together", language)
            found.append(Option(label, f"{reading_text.rstrip('?？。. ')} {together}"))
            return tuple(found)
        words = stop.values["words"]
        for key in spec.heads.get(head, spec.members):
            name = self.short(dim, key, head, language)
            found.append(Option(self.member(dim, key, language), reading_text.replace(words, name, 1)))
        return tuple(found)

    def short_name(self, dim: str, key: str, language: str) -> str:
        """A member's short name: its head and number, else its name, or a year."""
        spec = self.config.dimensions.get(dim)
        head = (
            next((h for h, members in spec.heads.items() if key in members and key in spec.numbered), None)
            if spec
            else None
        )
        if head:
            word = t(f"calc.dims.{head}", language)
            return t(
                "calc.numbered", language, head=word[:1].upper() + word[1:], number=spec.numbered[key]
            ).strip()
        return self.member(dim, key, language)

    def short(self, dim: str, key: str, head: str, language: str) -> str:
        """A member named the short way (its head and number), else by its name."""
        spec = self.config.dimensions[dim]
        number = spec.numbered.get(key)
        if number is not None:
            word = t(f"calc.dims.{head}", language) if _known(f"calc.dims.{head}") else head
            return t("calc.numbered", language, head=word, number=number)
        return self.member(dim, key, language)


def _kind(fact: Fact) -> str:
    return {"paragraph": "paragraph", "deliverables": "deliverables"}.get(fact.source_kind, "table")


def _plural(dim: str) -> str:
    return f"{dim}_plural"


def _known(key: str) -> bool:
    try:
        t(key, "en")
    except KeyError:
        return False
    return True


MONEY_MEASURE = MONEY
