"""``heron check``: run the system checks and report what they find."""

from __future__ import annotations

import click

from heron.checks import registry, run_checks
from heron.checks.messages import LEVEL_NAMES, level_from_name
from heron.cli.checkreport import print_messages
from heron.cli.project import load_project


@click.command("check")
@click.option("--deploy", is_flag=True, help="Also run the deployment (security) checks.")
@click.option(
    "--tag", "-t", "tags", multiple=True, metavar="TAG", help="Run only checks with this tag."
)
@click.option(
    "--fail-level",
    type=click.Choice(list(LEVEL_NAMES.values()), case_sensitive=False),
    default="ERROR",
    show_default=True,
    help="Exit with status 1 when a message is at or above this level.",
)
def command(deploy: bool, tags: tuple[str, ...], fail_level: str) -> None:
    """Run the system checks; exit with status 1 on problems at or above --fail-level."""
    load_project()
    if tags:
        known = registry.tags_available(include_deployment_checks=deploy)
        unknown = sorted(set(tags) - known)
        if unknown:
            deploy_only = registry.tags_available(include_deployment_checks=True) - known
            if set(unknown) <= deploy_only:
                raise click.BadParameter(
                    f"{', '.join(map(repr, unknown))} only tags deployment checks: add --deploy.",
                    param_hint="--tag",
                )
            raise click.BadParameter(
                f"no check has the tag {', '.join(map(repr, unknown))}; "
                f"available: {', '.join(sorted(known))}.",
                param_hint="--tag",
            )
    messages = run_checks(tags=list(tags) or None, include_deployment_checks=deploy)
    if print_messages(messages, fail_level=level_from_name(fail_level)):
        raise SystemExit(1)
