"""``heron dumpdata``, ``loaddata`` and ``flush`` in a generated project (SQLite), and
``TestCase.fixtures`` under ``heron test``. The same code on every backend is tested in
tests/db/fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Heron, install_app
from .test_testcommand import run_heron

MODELS = """from heron.db import models


class Shelf(models.Model):
    name = models.CharField(max_length=50, unique=True)

    def __str__(self) -> str:
        return self.name


class Jar(models.Model):
    shelf = models.ForeignKey(Shelf, on_delete=models.CASCADE)
    label = models.CharField(max_length=50)
"""

FIXTURE = [
    {"model": "larder.shelf", "pk": 1, "fields": {"name": "top"}},
    {"model": "larder.jar", "pk": 1, "fields": {"shelf": 1, "label": "jam"}},
    {"model": "larder.jar", "pk": 2, "fields": {"shelf": 1, "label": "honey"}},
]


@pytest.fixture
def larder(heron: Heron, project: Path) -> Path:
    """An installed, migrated app ``larder`` with a fixture ``larder/fixtures/larder.json``."""
    heron("startapp", "larder")
    install_app(project, "larder")
    app = project / "larder"
    (app / "models.py").write_text(MODELS)
    (app / "fixtures").mkdir()
    (app / "fixtures" / "larder.json").write_text(json.dumps(FIXTURE))
    assert heron("makemigrations", "larder").exit_code == 0
    assert heron("migrate").exit_code == 0
    return project


def test_loaddata_finds_the_app_fixture_and_dumpdata_writes_it_back(
    heron: Heron, larder: Path
) -> None:
    result = heron("loaddata", "larder")
    assert result.exit_code == 0, result.output
    assert result.output == "Installed 3 object(s) from 1 fixture(s).\n"
    result = heron("dumpdata", "larder")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == FIXTURE
    assert result.output.startswith('[\n{"model":"larder.shelf","pk":1,')
    result = heron("dumpdata", "larder.Jar", "--format", "jsonl")
    assert [json.loads(line) for line in result.output.splitlines()] == FIXTURE[1:]
    # auth: the permissions a new project's migrate made.
    result = heron("dumpdata", "-e", "larder.jar", "-e", "messages", "-e", "auth")
    assert json.loads(result.output) == FIXTURE[:1]


def test_dumpdata_output_file_takes_its_format_from_the_extension(
    heron: Heron, larder: Path
) -> None:
    heron("loaddata", "larder")
    result = heron("dumpdata", "larder", "--output", "out.jsonl")
    assert result.exit_code == 0, result.output
    assert result.output == ""  # no progress bar when stderr is not a terminal
    lines = (larder / "out.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == FIXTURE
    assert heron("flush", "--noinput").exit_code == 0
    result = heron("loaddata", "out.jsonl")
    assert result.output == "Installed 3 object(s) from 1 fixture(s).\n"


def test_loaddata_from_stdin(heron: Heron, larder: Path) -> None:
    lines = "\n".join(json.dumps(record) for record in FIXTURE)
    result = heron("loaddata", "-", "--format", "jsonl", input=lines)
    assert result.output == "Installed 3 object(s) from 1 fixture(s).\n"


def test_loaddata_names_the_bad_record_and_keeps_nothing(heron: Heron, larder: Path) -> None:
    bad = [*FIXTURE, {"model": "larder.jar", "pk": 3, "fields": {"shelf": 1, "lable": "x"}}]
    (larder / "bad.json").write_text(json.dumps(bad))
    result = heron("loaddata", "bad.json")
    assert result.exit_code == 1
    assert result.output == (
        "Error: Problem installing fixture 'bad.json', record 4 (larder.jar pk=3): Jar has no "
        "field named 'lable'. Choices are: id, shelf, label.\n"
    )
    assert heron("dumpdata", "larder").output == "[]\n"
    result = heron("loaddata", "nothing")
    assert result.exit_code == 1
    assert result.output.startswith("Error: No fixture named 'nothing' found (looked in: ")


def test_flush_asks_first(heron: Heron, larder: Path) -> None:
    heron("loaddata", "larder")
    result = heron("flush", input="n\n")
    assert result.exit_code == 1
    assert "This deletes every row of every table of database 'default'" in result.output
    assert "Aborted!" in result.output
    assert len(json.loads(heron("dumpdata", "larder").output)) == 3
    result = heron("flush", input="y\n")
    assert result.output.endswith("Flushed database 'default'.\n")
    assert heron("dumpdata", "larder").output == "[]\n"


def test_test_case_fixtures_are_loaded_for_each_test(heron: Heron, larder: Path) -> None:
    (larder / "larder" / "tests.py").write_text(
        "from heron.test import TestCase\n\n"
        "from .models import Jar, Shelf\n\n\n"
        "class JarTests(TestCase):\n"
        "    fixtures = ['larder']\n\n"
        "    def test_one(self):\n"
        "        self.assertEqual(Jar.objects.count(), 2)\n"
        "        self.assertQuerySetEqual(\n"
        "            Jar.objects.order_by('pk'), ['jam', 'honey'], transform=lambda j: j.label\n"
        "        )\n"
        "        Shelf.objects.create(name='low')\n\n"
        "    def test_two(self):\n"
        "        self.assertEqual(Shelf.objects.count(), 1)\n"
        "        self.assertEqual(str(Jar.objects.get(pk=2).shelf), 'top')\n"
    )
    result = run_heron(larder, "test", "larder", "-q", "-p", "no:cacheprovider")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_inspectdb_prints_models_for_the_tables(heron: Heron, larder: Path) -> None:
    result = heron("inspectdb", "larder_shelf", "larder_jar")
    assert result.exit_code == 0, result.output
    assert "class LarderJar(models.Model):\n" in result.output
    assert (
        "    shelf = models.ForeignKey('LarderShelf', on_delete=models.DO_NOTHING)\n"
    ) in result.output
    result = heron("inspectdb", "nope")
    assert result.exit_code == 1
    assert result.output == "Error: No table named 'nope' in database 'default'.\n"
