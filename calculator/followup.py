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
PLAIN = ("filler", "followup", "non_table", "quantifier", "ask")


def act(reading: Reading) -> str | None:
    """ "show me that table", "why?": a question about the previous answer itself, made of
    nothing but such words (and fillers); None otherwise."""
    if reading.unknown or reading.mentions or reading.years or reading.heads or reading.numbers:
        return None
    found = [v for t in reading.tokens for v in t.values("followup") if v in ACTS]
    plain = all(any(t.has(kind) for kind in PLAIN) for t in reading.tokens)
    return found[0] if found and plain and len(set(found)) == 1 else None


def stands_alone(reading: Reading, found: list[Intent] | Stop | None) -> bool:
    """A question that names its measure and what it is about is read on its own, even after another."""
    return (
        isinstance(found, list)
        and all(i.measure_given for i in found)
        and bool(reading.mentions or reading.years)
        and not marked(reading)
    )


def wanted(reading: Reading, found: list[Intent] | Stop | None) -> bool:
    """Should this question be tried as a follow-up of the previous one?"""
    if reading.unknown:
        return False  # words not understood: said as such
    if stands_alone(reading, found):
        return False
    incomplete = not (isinstance(found, list) and all(i.measure_given for i in found))
    return marked(reading) or incomplete


def follow(previous: Intent, reading: Reading, config: Config) -> Intent | Stop | None:
    """The previous Intent with what the follow-up names put in place; None when nothing can be carried
    over (the follow-up names nothing, or names what the previous reading cannot take)."""
    if reading.missing:  # "and <head> 7?": the document has no such member
        missing = reading.missing[0]
        dimension = config.dimensions[missing.dimension]
        members = dimension.heads.get(missing.head, dimension.members)
        return Stop(
            "absent", "no_member", {"words": missing.words, "head": missing.head, "members": list(members)}
        )
    intent = replace(previous, notes=(), measure_given=True)
    changed = False
    measures = reading.measures()
    mentions = []
    restated = False  # "posts?" after posts: the same question
    for mention in reading.mentions:  # "what about posts?" after money: the measure, not a member
        named = set(reading.tokens[mention.index].values("measure"))
        if len(reading.mentions) == 1 and len(named) == 1:
            restated = previous.measure in named
            measures = measures | named
        else:
            mentions.append(mention)
    if len(measures) > 1:
        return None
    if measures:
        measure = next(iter(measures))
        if measure != intent.measure:
            intent = _with_measure(intent, measure, config)
            changed = True
    members: dict[str, list[str]] = {}
    for mention in mentions:
        if mention in reading.excluded:
            return None
        dims = [(d, k) for d, k in mention.readings if d]
        ours = [(d, k) for d, k in dims if d in _dimensions(previous)]
        chosen = ours or dims
        if len({d for d, _ in chosen}) != 1 or len(chosen) != 1:
            return Stop("clarify", "ambiguous_followup", {"words": mention.words})
        dim, key = chosen[0]
        spec = config.dimensions.get(dim)
        if spec is not None and not spec.of(intent.measure) and not measures and len(spec.measures) == 1:
            intent = _with_measure(intent, spec.measures[0], config)  # "and the P-5s?" after money: posts
        members.setdefault(dim, [])
        if key not in members[dim]:
            members[dim].append(key)
    for dim, keys in members.items():
        intent = _with_members(intent, dim, keys)
        if intent is None:
            return None
        changed = True
    if reading.years:
        if len(reading.years) > 1 or (intent.varying and intent.varying[0] == YEAR):
            return None
        intent = replace(intent, year=reading.years[0])
        changed = True
    over = _over(reading, config)
    if over is not None:
        dim, keys = over
        fixed = tuple((d, k) for d, k in intent.fixed if d != dim)
        intent = replace(intent, fixed=fixed, varying=(dim, keys), operation="breakdown", whole=None)
        changed = True
    ops = reading.ops() & CARRIED_OPS
    if "share" in ops:
        if members or intent.varying:
            return None  # "<member> as a share": of what? read on its own
        intent = replace(intent, operation="share", whole=())
        changed = True
    elif ops & {"max", "min"}:
        if not intent.varying or ops >= {"max", "min"}:
            return None
        intent = replace(intent, operation="rank", largest="max" in ops)
        changed = True
    unchanged = intent == replace(previous, notes=(), measure_given=True)
    if restated and unchanged:
        return intent
    if not changed or unchanged:
        return None
    return intent


def _dimensions(intent: Intent) -> set[str]:
    dims = {d for d, _ in intent.fixed}
    if intent.varying:
        dims.add(intent.varying[0])
    return dims


def _with_measure(intent: Intent, measure: str, config: Config) -> Intent:
    """Another measure: members of dimensions it does not have are dropped (the answer's "read as" says
    what is left)."""
    fixed = tuple(
        (d, k) for d, k in intent.fixed if d in config.dimensions and config.dimensions[d].of(measure)
    )
    varying = intent.varying
    if (
        varying
        and varying[0] != YEAR
        and not (varying[0] in config.dimensions and config.dimensions[varying[0]].of(measure))
    ):
        return replace(intent, measure=measure, fixed=fixed, varying=None, operation="lookup", basis="")
    return replace(intent, measure=measure, fixed=fixed, varying=varying, basis="")


def _with_members(intent: Intent, dim: str, keys: list[str]) -> Intent | None:
    """Members of one dimension put in place: one replaces the member named before (in the part and in a
    share's whole alike); several replace the members compared, if as many were compared."""
    if intent.varying and intent.varying[0] == dim:
        if len(keys) == len(intent.varying[1]) and len(keys) > 1:
            return replace(intent, varying=(dim, tuple(keys)))
        return None  # "and <member>?" after comparing several: which operation? read on its own
    if len(keys) > 1:
        return None
    key = keys[0]
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
