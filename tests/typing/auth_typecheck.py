"""Checked by mypy in test_auth_typing.py (never run): the user model's types."""

from heron.contrib.auth.models import User


def show() -> None:
    user = User.objects.create_user("ada")
    reveal_type(user)  # noqa: F821
    reveal_type(user.username)  # noqa: F821
    reveal_type(user.is_active)  # noqa: F821
    reveal_type(user.last_login)  # noqa: F821
    reveal_type(user.groups)  # noqa: F821
    reveal_type(user.has_perm("polls.change_question"))  # noqa: F821
