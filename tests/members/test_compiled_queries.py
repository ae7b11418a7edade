"""members.compiled_queries: a query compiled once per database connection and shape,
then run with each call's values, giving what the ORM gives; the ORM's own way when
the compiled form is not as expected."""

from __future__ import annotations

import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Count, F
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from members import compiled_queries
from members.compiled_queries import compiled, run_compiled
from members.models import Profile
from tests.members import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def compilations(monkeypatch):
    """Every SQL compilation from here on (the compiler objects, in order)."""
    seen = []
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        seen.append(self)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return seen


@pytest.fixture(autouse=True)
def fresh_store():
    """Each test starts with nothing compiled on this thread's connection."""
    connections[DEFAULT_DB_ALIAS].__dict__.pop(compiled_queries.STORE, None)
    yield
    connections[DEFAULT_DB_ALIAS].__dict__.pop(compiled_queries.STORE, None)


def profiles(ids: list[int], organisation_id: int):
    """A model query with a related object (select_related) and annotations."""
    return (
        Profile.objects.filter(user_id__in=ids, organisation_id=organisation_id)
        .select_related("user", "organisation")
        .annotate(org_name=F("organisation__name"), doubled=F("user_id") * 2)
        .order_by("user_id")
    )


def fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_query_is_compiled_once_per_connection_and_gives_what_the_orm_gives(compilations):
    org = factories.organisation()
    other_org = factories.organisation(name="Gemeente Rotterdam")
    first = [factories.member(org=org) for _ in range(2)]
    second = [factories.member(org=other_org), factories.member(org=other_org)]
    compilations.clear()

    def load(members, org):
        return run_compiled(
            "test.profiles",
            profiles,
            using=DEFAULT_DB_ALIAS,
            values={"ids": [m.pk for m in members], "organisation_id": org.pk},
        )

    loaded_first = load(first, org)
    with CaptureQueriesContext(connection) as captured:
        loaded_second = load(second, other_org)

    assert len(compilations) == 1  # the first call's, none for the second
    assert len(captured) == 1
    cases = [(loaded_first, first, org), (loaded_second, second, other_org)]
    for loaded, members, organisation in cases:
        orm = list(profiles([m.pk for m in members], organisation.pk))
        assert [fields(p) for p in loaded] == [fields(p) for p in orm]
        assert [fields(p.user) for p in loaded] == [fields(p.user) for p in orm]
        assert [fields(p.organisation) for p in loaded] == [fields(p.organisation) for p in orm]
        assert [(p.org_name, p.doubled) for p in loaded] == [(p.org_name, p.doubled) for p in orm]
        assert [p._state.db for p in loaded] == [DEFAULT_DB_ALIAS] * 2
        assert not any(p._state.adding for p in loaded)


def test_a_values_list_query_gives_tuples_as_the_orm_does(compilations):
    members = [factories.member() for _ in range(3)]
    compilations.clear()

    def ids_and_pseudonyms(low, high):
        return (
            Profile.objects.filter(user_id__gte=low, user_id__lte=high)
            .order_by("user_id")
            .values_list("user_id", "pseudonym")
        )

    values = {"low": members[0].pk, "high": members[1].pk}
    first = run_compiled("test.pairs", ids_and_pseudonyms, using=DEFAULT_DB_ALIAS, values=values)
    values = {"low": members[1].pk, "high": members[2].pk}
    second = run_compiled("test.pairs", ids_and_pseudonyms, using=DEFAULT_DB_ALIAS, values=values)

    assert len(compilations) == 1
    assert first == [(m.pk, f"lid-{m.pk}") for m in members[:2]]
    assert second == list(ids_and_pseudonyms(**values))


def test_each_shape_and_key_is_compiled_on_its_own(compilations):
    def users(ids):
        return Profile.objects.filter(user_id__in=ids).values_list("user_id")

    for ids in ([1], [2], [1, 2], [3, 4], [5]):
        run_compiled("test.users", users, using=DEFAULT_DB_ALIAS, values={"ids": ids})
    run_compiled("test.other", users, using=DEFAULT_DB_ALIAS, values={"ids": [1]})

    # One list of one id, one of two; a second key with the same shape its own.
    assert len(compilations) == 3


def test_a_new_connection_compiles_again(compilations):
    """The compiled form lives on the connection object: another thread (its own
    connection) compiles its own, and this thread keeps using its own."""

    def one(pk):
        return Profile.objects.filter(user_id=pk).values_list("pseudonym")

    here = compiled("test.one", one, using=DEFAULT_DB_ALIAS, values={"pk": 1})
    there = []

    def elsewhere():
        try:
            there.append(compiled("test.one", one, using=DEFAULT_DB_ALIAS, values={"pk": 2}))
            there.append(connections[DEFAULT_DB_ALIAS])
        finally:
            connections.close_all()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()

    assert here is not None
    assert there[0] is not None
    assert there[0] is not here
    assert there[1] is not connections[DEFAULT_DB_ALIAS]
    assert there[0].sql == here.sql
    assert compiled("test.one", one, using=DEFAULT_DB_ALIAS, values={"pk": 3}) is here
    assert len(compilations) == 2


@pytest.mark.parametrize(
    "build",
    [
        # The value never reaches the SQL as a parameter.
        pytest.param(lambda pk: Profile.objects.filter(user_id__gt=0).order_by("pk"), id="unused"),
        # Dictionaries and flat lists: not handled by the plain steps.
        pytest.param(
            lambda pk: Profile.objects.filter(user_id__gte=pk).order_by("pk").values("user_id"),
            id="values",
        ),
        pytest.param(
            lambda pk: (
                Profile.objects.filter(user_id__gte=pk)
                .order_by("pk")
                .values_list("user_id", flat=True)
            ),
            id="flat",
        ),
        # An aggregate over a values_list: the ORM reorders the columns.
        pytest.param(
            lambda pk: (
                Profile.objects.filter(user_id__gte=pk)
                .values_list("organisation_id")
                .annotate(n=Count("pk"))
                .values_list("n", "organisation_id")
                .order_by("organisation_id")
            ),
            id="reordered",
        ),
    ],
)
def test_an_unexpected_compiled_form_falls_back_to_the_orm_every_time(build, compilations):
    members = [factories.member() for _ in range(2)]
    values = {"pk": members[1].pk}

    assert compiled("test.fallback", build, using=DEFAULT_DB_ALIAS, values=values) is None
    compilations.clear()
    found = run_compiled("test.fallback", build, using=DEFAULT_DB_ALIAS, values=values)

    assert found == list(build(**values))
    assert len(compilations) == 2  # the ORM's (twice: here and in the assertion)
    # The verdict is kept: no second try at compiling with stand-ins.
    kept = connections[DEFAULT_DB_ALIAS].__dict__[compiled_queries.STORE]
    assert kept[("test.fallback", (("pk", None),))] is None


def test_a_connection_keeps_a_bounded_number(monkeypatch, compilations):
    monkeypatch.setattr(compiled_queries, "MAX_KEPT", 2)

    def users(ids):
        return Profile.objects.filter(user_id__in=ids).values_list("user_id")

    for size in (1, 2, 3):
        run_compiled("test.users", users, using=DEFAULT_DB_ALIAS, values={"ids": [1] * size})
    run_compiled("test.users", users, using=DEFAULT_DB_ALIAS, values={"ids": [1, 1, 1]})
    run_compiled("test.users", users, using=DEFAULT_DB_ALIAS, values={"ids": [1]})

    kept = connections[DEFAULT_DB_ALIAS].__dict__[compiled_queries.STORE]
    assert [shape for _key, shape in kept] == [(("ids", 3),), (("ids", 1),)]
    assert len(compilations) == 4  # the first one again, once pushed out
