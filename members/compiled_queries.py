"""ORM queries compiled to SQL once per database connection, then run with new values.

Some reads run for every live event, for every worker process: the live check's
members query (`members.selectors.users_for_live_check`) and the live post's two
queries (`forum.selectors._live_post`). Building such a query through the ORM and
compiling it to SQL cost more CPU than running it. `run_compiled` builds the query
once per database connection and shape, with stand-in integers where the values go,
remembers where in the SQL's parameters each stand-in landed, and from then on only
puts each call's values there and runs the SQL. The rows become what the ORM would
have given (`list(build(**values))`) through Django's own steps: its converters, and
for model rows `Model.from_db`, the related populators of `select_related` and the
annotations, as `ModelIterable` makes them.

Anything unexpected in the compiled form (a stand-in that did not reach the
parameters, another kind of queryset, columns in an order the plain steps do not
handle) and the query is run through the ORM for that key, every time: slower, never
different. "Per connection" is per Django connection object (one per thread and
database alias); a new thread compiles its own.

It lives in `members` because both apps that use it may import `members`, and
`members` imports no other app (ARCHITECTURE.md).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

#: Where each connection object keeps its compiled queries.
STORE = "_lwp_compiled_queries"
#: How many (key, shape) a connection keeps; the least recently used goes first.
MAX_KEPT = 128
#: Stand-ins count down from here: never an id, never a value a caller passes.
STAND_IN = -(2**62)

#: A value's place: its name, and its index when the value is a list of integers.
Slot = tuple[str, int | None]


@dataclass(frozen=True)
class _ModelRows:
    """What `ModelIterable` works out from a compiled query, worked out once."""

    model: Any
    init_list: tuple[str, ...]
    start: int
    end: int
    populators: tuple[Any, ...]
    annotations: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class CompiledQuery:
    """One query's SQL and parameters, with the places of the stand-ins in them."""

    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, Slot], ...]  # (index in params, the value's place)
    compiler: Any
    converters: dict[int, Any]
    model_rows: _ModelRows | None  # None: a values_list query (rows are tuples)

    def rows(self, values: Mapping[str, int | Sequence[int]]) -> list[tuple[Any, ...]]:
        """The query's rows for `values`, converted as the ORM converts them."""
        params = list(self.params)
        for at, (name, index) in self.slots:
            value = values[name]
            params[at] = value if index is None else value[index]  # type: ignore[index]
        compiler = self.compiler
        with compiler.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            return [tuple(row) for row in compiler.apply_converters(rows, self.converters)]
        return [tuple(row) for row in rows]

    def results(self, values: Mapping[str, int | Sequence[int]]) -> list[Any]:
        """What `list(build(**values))` gives: model instances or tuples."""
        rows = self.rows(values)
        loader = self.model_rows
        if loader is None:
            return rows
        db = self.compiler.connection.alias
        found = []
        for row in rows:
            obj = loader.model.from_db(db, loader.init_list, row[loader.start : loader.end])
            for populator in loader.populators:
                populator.populate(row, obj)
            for name, at in loader.annotations:
                setattr(obj, name, row[at])
            found.append(obj)
        return found


def _shape(values: Mapping[str, int | Sequence[int]]) -> tuple[tuple[str, int | None], ...]:
    """Each value's name and, for a list, its length (None for one integer)."""
    return tuple(
        (name, None if isinstance(value, int) else len(value))
        for name, value in sorted(values.items())
    )


def _stand_ins(shape: tuple[tuple[str, int | None], ...]) -> tuple[dict[str, Any], dict[int, Slot]]:
    """Keyword arguments for `build` with a distinct stand-in in every place, and the
    place of each stand-in."""
    kwargs: dict[str, Any] = {}
    places: dict[int, Slot] = {}
    for name, length in shape:
        if length is None:
            kwargs[name] = STAND_IN - len(places)
            places[kwargs[name]] = (name, None)
        else:
            kwargs[name] = []
            for index in range(length):
                stand_in = STAND_IN - len(places)
                kwargs[name].append(stand_in)
                places[stand_in] = (name, index)
    return kwargs, places


def _model_rows(queryset: QuerySet, compiler: Any) -> _ModelRows | None:
    klass = compiler.klass_info or {}
    select_fields = list(klass.get("select_fields") or [])
    if klass.get("model") is not queryset.model or not select_fields:
        return None
    start, end = select_fields[0], select_fields[-1] + 1
    if select_fields != list(range(start, end)):
        return None
    return _ModelRows(
        model=queryset.model,
        init_list=tuple(column.target.attname for column, _, _ in compiler.select[start:end]),
        start=start,
        end=end,
        populators=tuple(get_related_populators(klass, compiler.select, queryset.db)),
        annotations=tuple(compiler.annotation_col_map.items()),
    )


def _compile(
    build: Callable[..., QuerySet], using: str, shape: tuple[tuple[str, int | None], ...]
) -> CompiledQuery | None:
    """`build`'s query with stand-ins, compiled; None when its compiled form is not
    one `CompiledQuery` can run exactly as the ORM would."""
    kwargs, places = _stand_ins(shape)
    queryset = build(**kwargs)
    query = queryset.query
    # What the ORM does around the SQL and the plain steps here would not: leave it.
    if (
        queryset.db != using
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
        or query.extra_select
    ):
        return None
    compiler = query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    if getattr(compiler, "has_extra_select", False):
        return None
    slots = tuple(
        (at, places[param])
        for at, param in enumerate(params)
        if type(param) is int and param in places
    )
    if {place for _, place in slots} != set(places.values()):
        return None  # a value that did not reach the SQL as a parameter
    model_rows = None
    if queryset._iterable_class is ModelIterable:
        model_rows = _model_rows(queryset, compiler)
        if model_rows is None:
            return None
    elif queryset._iterable_class is ValuesListIterable:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        if queryset._fields and list(queryset._fields) != names:
            return None  # the ORM would reorder the columns
    else:
        return None  # values(), flat or named values_list: not handled here
    columns = [column for column, _, _ in compiler.select[0 : compiler.col_count]]
    return CompiledQuery(
        sql=sql,
        params=tuple(params),
        slots=slots,
        compiler=compiler,
        converters=compiler.get_converters(columns),
        model_rows=model_rows,
    )


def compiled(
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    using: str,
    values: Mapping[str, int | Sequence[int]],
) -> CompiledQuery | None:
    """The compiled form of `build`'s query for `key` and the shape of `values` (their
    names, and the length of each list) on this thread's connection to `using`:
    compiled on first use, then kept (also when it is None: the ORM's way for good)."""
    connection = connections[using]
    kept: OrderedDict[Hashable, CompiledQuery | None] = connection.__dict__.setdefault(
        STORE, OrderedDict()
    )
    shape = _shape(values)
    stored = (key, shape)
    if stored in kept:
        kept.move_to_end(stored)
        return kept[stored]
    found = kept[stored] = _compile(build, using, shape)
    while len(kept) > MAX_KEPT:
        kept.popitem(last=False)
    return found


def run_compiled(
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    using: str,
    values: Mapping[str, int | Sequence[int]],
) -> list[Any]:
    """`list(build(**values))`, with the SQL compiled once per connection.

    `key` names the query (with anything that changes its SQL but is not in
    `values`: `build` is only called to compile); `values` are integers or lists of
    integers, each a parameter of the query, and their shape is part of the key.
    `build` must give a model queryset or a plain `values_list`."""
    found = compiled(key, build, using=using, values=values)
    if found is None:
        return list(build(**values))
    return found.results(values)
