import pytest

from heron.conf import Env, ImproperlyConfigured


def make(**environ: str) -> Env:
    return Env(environ)


def test_str_int_bool_list() -> None:
    env = make(NAME="heron", WORKERS="4", DEBUG="yes", HOSTS="a.com, b.com,,")
    assert env.str("NAME") == "heron"
    assert env.int("WORKERS") == 4
    assert env.bool("DEBUG") is True
    assert env.list("HOSTS") == ["a.com", "b.com"]


def test_defaults_used_when_unset() -> None:
    env = make()
    assert env.str("X", default="d") == "d"
    assert env.bool("X", default=False) is False
    assert env.int("X", default=3) == 3
    assert env.list("X", default=["localhost"]) == ["localhost"]


def test_missing_without_default_names_the_variable() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        make().str("HERON_SECRET_KEY")
    assert str(info.value) == (
        "The environment variable HERON_SECRET_KEY is not set: set it, or give a default in "
        "your settings (env.str('HERON_SECRET_KEY', default=...))."
    )


def test_malformed_bool_and_int() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"^HERON_DEBUG='maybe' is not a boolean"):
        make(HERON_DEBUG="maybe").bool("HERON_DEBUG")
    with pytest.raises(ImproperlyConfigured, match=r"^WORKERS='four' is not an integer\.$"):
        make(WORKERS="four").int("WORKERS")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///db.sqlite3", {"ENGINE": "sqlite", "NAME": "db.sqlite3"}),
        ("sqlite:////var/data/site.db", {"ENGINE": "sqlite", "NAME": "/var/data/site.db"}),
        ("sqlite://:memory:", {"ENGINE": "sqlite", "NAME": ":memory:"}),
        (
            "postgresql://bob:s%40cret@db.local:6543/shop?sslmode=require",
            {
                "ENGINE": "postgresql",
                "NAME": "shop",
                "USER": "bob",
                "PASSWORD": "s@cret",
                "HOST": "db.local",
                "PORT": 6543,
                "OPTIONS": {"sslmode": "require"},
            },
        ),
        (
            "mysql://root@127.0.0.1/test",
            {"ENGINE": "mysql", "NAME": "test", "USER": "root", "PORT": 3306},
        ),
        ("postgres://u@h/d", {"ENGINE": "postgresql", "PORT": 5432}),
    ],
)
def test_db_urls(url: str, expected: dict[str, object]) -> None:
    config = make(DATABASE_URL=url).db("DATABASE_URL")
    for key, value in expected.items():
        assert config[key] == value


def test_db_default_is_parsed() -> None:
    assert make().db("DATABASE_URL", default="sqlite:///x.db")["NAME"] == "x.db"


def test_db_errors_are_pinned() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        make(DATABASE_URL="oracle://x/y").db()
    assert str(info.value) == (
        "DATABASE_URL 'oracle://x/y' has an unknown scheme 'oracle'; use one of: mariadb, "
        "mysql, pgsql, postgres, postgresql, sqlite, sqlite3."
    )
    with pytest.raises(ImproperlyConfigured) as info:
        make(DATABASE_URL="postgresql://localhost").db()
    assert str(info.value) == (
        "DATABASE_URL 'postgresql://localhost' names no database: add it after the host, "
        "e.g. postgresql://user@localhost/mydb."
    )
