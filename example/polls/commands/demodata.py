"""``heron demodata``: load the demo polls (fixtures/demo.json) into a database without polls.

``make run`` calls it before serving, so a first start shows a populated site; later starts
find the polls (or any the user made) and leave the database alone, so nothing is loaded
twice and no vote is reset.
"""

from __future__ import annotations

import click

from heron.db.fixtures import load_fixtures

from ..models import Question, Tag


@click.command("demodata")
def command() -> None:
    """Load the demo polls, unless the database already has polls or tags."""
    if Question.objects.exists() or Tag.objects.exists():
        click.echo("The database already has polls: demo data not loaded.")
        return
    result = load_fixtures(["demo"])
    click.echo(f"Loaded the demo polls ({result.objects} objects from polls/fixtures/demo.json).")
