"""Follow-ups: a question that changes one thing of the previous numeric question ("and for <member>?",
"what about <measure>?", "and in <year>?", "by <head>?", "as a share of the total?", in any language the
lexicon has) keeps the rest of the
previous reading (its Intent, not its text) and replaces what it names. What it cannot carry over ends
in None: the question is then read on its own, where the binding rule applies as always."""

from __future__ import annotations

from dataclasses import replace

from calculator.config import YEAR_HEAD, Config
from calculator.intent import YEAR, Intent, Stop
from calculator.reading import Reading

CARRIED_OPS = {"share", "max", "min", "sum", "average", "breakdown"}


def marked(reading: Reading) -> bool:
    """A word that carries on from the previous answer: at the start ("and …", "what about …") or at the
    end ("… then?")."""
    tokens = [t for t in reading.tokens if t.known or t.text.strip()]
    if not tokens:
        return False
    return tokens[0].has("followup", "start") or tokens[-1].has("followup", "end")


ACTS = ("table", "paragraph", "why")
ACT_WORDS = ("filler", "followup", "non_table", "quantifier", "ask")  # what a question about the answer holds


def act(reading: Reading) -> str | None:
    """ "show me that table", "why?": a question about the previous answer itself, made of
    nothing but such words (and fillers); None otherwise."""
    if reading.unknown or reading.mentions or reading.years or reading.heads or reading.numbers:
        return None
    found = [v for t in reading.tokens for v in t.values("followup") if v in ACTS]
    plain = all(any(t.has(kind) for kind in ACT_WORDS) for t in reading.tokens)
    return found[0] if found and plain and len(set(found)) == 1 else None


SIMPLE_OPS = ("lookup", "breakdown", "rank", "share", "sum")  # readings a follow-up may carry over


def refers_back(reading: Reading) -> bool:
    """ "how much is that in millions?", "what is it in dollars?": a word that points at the last answer,
    with nothing named for it to point at in the question itself."""
    return not named_mentions(reading) and any(
        points(t) for i, t in enumerate(reading.tokens) if i not in reading.used
    )


def named_mentions(reading: Reading) -> list:
    """The members a question names, leaving out words that name what is counted ("posts")."""
    return [m for m in reading.mentions if not reading.tokens[m.index].values("measure")]


def all_scope(reading: Reading) -> bool:
    """ "overall", "the whole": the question asks about everything, not the last member."""
    return any(t.has("quantifier", "all") for i, t in enumerate(reading.tokens) if i not in reading.used)


def dangling(reading: Reading) -> bool:
    """With no figure before it, a question that only carries on ("and posts?") or points at something
    it does not name ("how many posts does it have?"): there is nothing to carry on from."""
    if (named_mentions(reading) and not reading.excluded) or reading.years:
        return False
    back = any(t.has("followup", "back") for i, t in enumerate(reading.tokens) if i not in reading.used)
    kept = [m for m in reading.mentions if m not in reading.excluded]
    # (unless a head ranges over the rest, "excluding <member>, which <head> …", or a measure names the
    # whole: "the budget excluding <member>")
    left_out = reading.excluded and not kept and not reading.heads and not reading.measures
    return marked(reading) or back or bool(left_out)  # "excluding posts?": from what?


def stands_alone(reading: Reading, found: list[Intent] | Stop | None) -> bool:
    """A question that names what it is about (a member or a year), or asks about everything, and carries
    no word of a follow-up is read on its own, even after another; so is a question that asks for no
    figure and names a member."""
    if marked(reading) or refers_back(reading) or reading.excluded:
        return False
    if found is None:  # asks for no figure: about the text, unless it only names a year or a breakdown
        fragment = reading.years or reading.heads or any(t.has("over") for t in reading.tokens)
        return bool(reading.mentions) or not fragment
    which = any(h.how == "which" for h in reading.heads)  # "which <head> has …": a question of its own
    return bool(named_mentions(reading) or reading.years or all_scope(reading) or which)


def wanted(reading: Reading, found: list[Intent] | Stop | None) -> bool:
    """Should this question be tried as a follow-up of the previous one?"""
    if reading.unknown or reading.has("non_table"):
        return False  # words not understood, or a question about the text: read on its own
    return not stands_alone(reading, found)


PLAIN = frozenset({"filler", "followup", "ask", "and", "joiner"})  # words that change no figure


def follow(previous: Intent, reading: Reading, config: Config) -> Intent | Stop | None:
    """The previous Intent with what the follow-up names put in place. Every word of the follow-up that
    could change a figure must be put in place, or no figure is given: a Stop (a question back) when the
    question is surely a follow-up (a word of a follow-up, or one pointing back), else None (read on
    its own)."""
    sure = marked(reading) or refers_back(reading)
    words = reading.asked or reading.text
    ask_back = Stop("clarify", "ambiguous_followup", {"words": words})
    unclear = ask_back if sure else None
    if reading.missing:  # "and <head> 7?": the document has no such member
        missing = reading.missing[0]
        dimension = config.dimensions[missing.dimension]
        members = dimension.heads.get(missing.head, dimension.members)
        return Stop(
            "absent", "no_member", {"words": missing.words, "head": missing.head, "members": list(members)}
        )
    if reading.excluded:  # "excluding <member>" after a figure: ask the whole question
        return ask_back
    if previous.operation not in SIMPLE_OPS:
        return unclear  # an operation that a changed word would silently change
    pointing = refers_back(reading)
    if (pointing or _pronoun(reading)) and previous.varying:
        return ask_back  # "its budget?" after several: which one?
    if any(t.has("followup", "scope") for t in reading.tokens):
        return unclear  # "its total budget", "the next year": not the last figure, nor a change of one word
    tokens = reading.tokens
    consumed = set(reading.used)
    intent = replace(previous, notes=(), measure_given=True)
    changed = False
    measures: set[str] = set()
    mentions = []
    for i, token in enumerate(tokens):
        if i not in reading.used and token.values("measure"):
            measures |= set(token.values("measure"))
            consumed.add(i)
    for mention in reading.mentions:  # "what about posts?" after money: the measure, not a member
        named = set(tokens[mention.index].values("measure"))
        if named and named != {previous.measure} and len(named) == 1:
            measures |= named
        elif named and len(reading.mentions) == 1:
            measures |= named  # "posts?" after posts: no member
        else:
            mentions.append(mention)
    if pointing:
        consumed |= {i for i, t in enumerate(tokens) if points(t)}
    if len(measures) > 1:
        return unclear
    if measures and next(iter(measures)) != intent.measure:
        their = pointing or _pronoun(reading)
        if previous.operation == "share" or (intent.measure == "posts" and not their):
            return unclear  # posts, then money: the posts' cost or the member's budget? ask
        moved = _with_measure(intent, next(iter(measures)), config, their)
        if isinstance(moved, Stop):
            return moved
        intent, changed = moved, True
    members: dict[str, list[str]] = {}
    for mention in mentions:
        dims = [(d, k) for d, k in mention.readings if d]
        ours = [(d, k) for d, k in dims if d in _dimensions(previous)]
        chosen = ours or dims
        if len(chosen) != 1:
            return ask_back
        dim, key = chosen[0]
        spec = config.dimensions.get(dim)
        if spec is None or not spec.of(intent.measure):
            return unclear  # a member the figure is not counted by (what money buys, after posts)
        members.setdefault(dim, [])
        if key not in members[dim]:
            members[dim].append(key)
    for dim, keys in members.items():
        moved = _with_members(intent, dim, keys)
        if moved is None:
            return unclear
        intent, changed = moved, True
    if reading.years:
        if len(reading.years) > 1 or (intent.varying and intent.varying[0] == YEAR):
            return unclear
        intent = replace(intent, year=reading.years[0])
        changed = True
    over = _over(reading, config)
    if over is not None:
        dim, keys = over
        fixed = tuple((d, k) for d, k in intent.fixed if d != dim)
        intent = replace(intent, fixed=fixed, varying=(dim, keys), operation="breakdown", whole=None)
        consumed |= {i for i, t in enumerate(tokens) if t.has("over") or t.has("quantifier", "each")}
        changed = True
    ops = reading.ops() & CARRIED_OPS
    if "share" in ops:
        if members or intent.varying or len(intent.fixed) != 1:
            return Stop("clarify", "share_whole", {})  # a share of what: the total, or a part of it?
        intent = replace(intent, operation="share", whole=())
        consumed |= {i for i, t in enumerate(tokens) if t.has("op", "share") or t.has("share")}
        changed = True
    elif ops & {"max", "min"}:
        if not intent.varying or ops >= {"max", "min"}:
            return unclear
        intent = replace(intent, operation="rank", largest="max" in ops)
        consumed |= {i for i, t in enumerate(tokens) if t.has("op", "max") or t.has("op", "min")}
        changed = True
    leftover = [t.text for i, t in enumerate(tokens) if i not in consumed and not _plain(t)]
    if leftover:
        return unclear  # a word that would change the figure, not put in place: no figure
    unchanged = intent == replace(previous, notes=(), measure_given=True)
    if unchanged and pointing:
        return intent  # the same figure, asked again in other words ("how much is that in dollars?")
    if not changed or unchanged:
        return unclear
    return intent


def _plain(token) -> bool:
    """A word that changes no figure: a filler (whatever else it may mark), a follow-up's word, an ask."""
    return token.known and (token.has("filler") or all(tag.kind in PLAIN for tag in token.tags))


def points(token) -> bool:
    """A word that points at something said before ("that", "its")."""
    return (
        token.has("quantifier", "this")
        or token.has("quantifier", "pronoun")
        or token.has("quantifier", "back")
        or token.has("followup", "back")
    )


def _pronoun(reading: Reading) -> bool:
    return any(
        t.has("quantifier", "pronoun") or t.has("quantifier", "this") or t.has("followup", "back")
        for t in reading.tokens
    )


def _dimensions(intent: Intent) -> set[str]:
    dims = {d for d, _ in intent.fixed}
    if intent.varying:
        dims.add(intent.varying[0])
    return dims


def _with_measure(intent: Intent, measure: str, config: Config, their: bool) -> Intent | Stop:
    """Another measure for the same members. Posts turned into money by "their cost" are the posts'
    cost (the configured member of what money buys); a member the new measure is not counted by is not
    dropped: the document has no such figure."""
    cost_dim, cost_key = config.posts_cost
    fixed = list(intent.fixed)
    if measure != "posts" and their and cost_dim:
        fixed = [(d, k) for d, k in fixed if d != cost_dim] + [(cost_dim, cost_key)]
    if intent.measure != "posts" and measure == "posts" and cost_dim:
        if any(d == cost_dim and k != cost_key for d, k in fixed):
            return Stop("absent", "posts_by_object", {})
        fixed = [(d, k) for d, k in fixed if d != cost_dim]
    for d, _ in fixed:
        spec = config.dimensions.get(d)
        if spec is None or not spec.of(measure):
            return Stop("absent", "money_by_grade" if measure != "posts" else "posts_by_object", {})
    varying = intent.varying
    if (
        varying
        and varying[0] != YEAR
        and not (varying[0] in config.dimensions and config.dimensions[varying[0]].of(measure))
    ):
        return Stop("clarify", "ambiguous_followup", {"words": measure})
    return replace(intent, measure=measure, fixed=tuple(fixed), basis="")


def _with_members(intent: Intent, dim: str, keys: list[str]) -> Intent | None:
    """Members of one dimension put in place: one replaces the member named before (in the part and in a
    share's whole alike); several replace the members compared, if as many were compared."""
    if intent.varying and intent.varying[0] == dim:
        if len(keys) == len(intent.varying[1]) and len(keys) > 1:
            return replace(intent, varying=(dim, tuple(keys)))
        if len(keys) == 1 and intent.operation == "breakdown":  # one of the items listed
            return replace(intent, varying=None, operation="lookup", fixed=(*intent.fixed, (dim, keys[0])))
        return None  # "and <member>?" after comparing several: which operation? read on its own
    if len(keys) > 1:
        if intent.operation != "lookup" or intent.varying:
            return None
        fixed = tuple((d, k) for d, k in intent.fixed if d != dim)
        return replace(intent, fixed=fixed, varying=(dim, tuple(keys)), operation="sum")
    key = keys[0]
    if intent.operation == "share" and dim not in dict(intent.fixed):
        return None  # a share of a narrower part: of which whole?
    fixed = tuple((d, k) for d, k in intent.fixed if d != dim) + ((dim, key),)
    whole = intent.whole
    if whole is not None and any(d == dim for d, _ in whole):
        whole = tuple((d, key if d == dim else k) for d, k in whole)
    return replace(intent, fixed=fixed, whole=whole)


def _over(reading: Reading, config: Config) -> tuple[str, tuple[str, ...]] | None:
    """ "by <head>": each member of a dimension."""
    for head in reading.heads:
        if head.how in ("each", "all", "plural", "which") and head.dimension != YEAR_HEAD:
            spec = config.dimensions.get(head.dimension)
            if spec is not None:
                return head.dimension, tuple(spec.heads.get(head.head, spec.members))
    for token in reading.tokens:
        for dim in token.values("over"):
            if dim in config.dimensions:
                return dim, tuple(config.dimensions[dim].members)
    return None
