"""The user, group and permission models through the public API, sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from heron.contrib.auth import get_user_model
from heron.contrib.auth.models import AnonymousUser, Group, Permission, User
from heron.db.models import ValidationError

MODES = ["sync", "async"]


async def create_user(mode: str, *args: Any, **kwargs: Any) -> Any:
    if mode == "sync":
        return User.objects.create_user(*args, **kwargs)
    return await User.objects.acreate_user(*args, **kwargs)


def test_get_user_model_is_the_default_user(db: str) -> None:
    assert get_user_model() is User


def test_get_user_model_names_a_missing_model(db: str, settings: Any) -> None:
    from heron.conf import ImproperlyConfigured

    settings.AUTH_USER_MODEL = "nowhere.User"
    with pytest.raises(ImproperlyConfigured, match=r"AUTH_USER_MODEL refers to 'nowhere\.User'"):
        get_user_model()
    settings.AUTH_USER_MODEL = "user"
    with pytest.raises(ImproperlyConfigured, match=r"must look like 'app_label\.ModelName'"):
        get_user_model()


@pytest.mark.parametrize("mode", MODES)
async def test_create_user_hashes_the_password(db: str, mode: str) -> None:
    user = await create_user(mode, "ada", "Ada@Example.COM", "correct horse")
    assert user.pk is not None
    assert user.email == "Ada@example.com"
    assert user.password.startswith("unsafe_test_pbkdf2_sha256$")  # the suite's fast hasher
    assert user.check_password("correct horse")
    assert not user.check_password("wrong")
    assert await user.acheck_password("correct horse")
    assert (user.is_staff, user.is_superuser, user.is_active) == (False, False, True)
    assert user.is_authenticated and not user.is_anonymous
    assert user.get_username() == "ada" == str(user)
    assert user.last_login is None and user.date_joined is not None


@pytest.mark.parametrize("mode", MODES)
async def test_create_superuser(db: str, mode: str) -> None:
    if mode == "sync":
        user = User.objects.create_superuser("root", "root@example.com", "pw")
    else:
        user = await User.objects.acreate_superuser("root", "root@example.com", "pw")
    assert user.is_staff and user.is_superuser
    with pytest.raises(ValueError, match=r"A superuser must have is_staff=True\."):
        User.objects.create_superuser("x", None, "pw", is_staff=False)


def test_create_user_needs_a_username(db: str) -> None:
    with pytest.raises(ValueError, match="A user needs a username"):
        User.objects.create_user("")


def test_unusable_password(db: str) -> None:
    user = User.objects.create_user("nopw")
    assert not user.has_usable_password()
    assert not user.check_password("")
    user.set_password("now")
    assert user.has_usable_password()
    user.set_unusable_password()
    assert not user.has_usable_password()


def test_get_by_natural_key(db: str) -> None:
    user = User.objects.create_user("grace", password="pw")
    assert User.objects.get_by_natural_key("grace").pk == user.pk
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key("nobody")


def test_username_validation_and_normalization(db: str) -> None:
    user = User(username="bad name!", password="x")
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert "Enter a valid username: letters, digits and @ . + - _ only." in str(caught.value)
    ligature = User(username="\ufb01sh", password="x", email="A@B.COM")  # "ﬁsh" -> "fish"
    ligature.clean()
    assert ligature.username == "fish"
    assert ligature.email == "A@b.com"


@pytest.mark.parametrize("mode", MODES)
async def test_password_hash_upgraded_on_check(db: str, mode: str, settings: Any) -> None:
    user = await create_user(mode, "old", password="secret")
    old_hash = user.password
    settings.PASSWORD_HASHERS = [
        "tests.contrib.auth.fasthash.TwoRounds",
        "heron.contrib.auth.hashers.UnsafeTestPasswordHasher",
    ]
    ok = user.check_password("secret") if mode == "sync" else await user.acheck_password("secret")
    assert ok
    assert user.password != old_hash and user.password.startswith("pbkdf2_sha256$i=2$")
    stored = User.objects.get(pk=user.pk).password
    assert stored == user.password


def test_anonymous_user() -> None:
    anon = AnonymousUser()
    assert anon.is_anonymous and not anon.is_authenticated
    assert (anon.pk, anon.username, anon.is_staff, anon.is_active) == (None, "", False, False)
    assert anon == AnonymousUser() and str(anon) == "AnonymousUser"
    assert anon.groups.all() == [] and anon.user_permissions.count() == 0
    with pytest.raises(NotImplementedError, match="AnonymousUser is not a model"):
        anon.save()


def test_builtin_permissions_exist_after_migrate(db: str) -> None:
    found = set(Permission.objects.values_list("app_label", "model", "codename"))
    for action in ("add", "change", "delete", "view"):
        assert ("auth", "user", f"{action}_user") in found
        assert ("auth", "group", f"{action}_group") in found
        assert ("testapp", "article", f"{action}_article") in found
    assert ("testapp", "article", "publish_article") in found
    perm = Permission.objects.get(app_label="testapp", codename="publish_article")
    assert perm.name == "Can publish an article"
    assert perm.perm == "testapp.publish_article"
    assert str(perm) == "testapp | article | Can publish an article"
    assert Permission.objects.get(app_label="auth", codename="view_user").name == "Can view user"


def _perm(codename: str) -> Permission:
    return Permission.objects.get(app_label="testapp", codename=codename)


async def has(mode: str, user: Any, perm: str) -> bool:
    if mode == "sync":
        return bool(user.has_perm(perm))
    return bool(await user.ahas_perm(perm))


@pytest.mark.parametrize("mode", MODES)
async def test_permissions_direct_and_through_groups(db: str, mode: str) -> None:
    user = User.objects.create_user("perm", password="pw")
    user.user_permissions.add(_perm("change_article"))
    editors = Group.objects.create(name="editors")
    editors.permissions.add(_perm("publish_article"))
    user.groups.add(editors)
    user = User.objects.get(pk=user.pk)  # a fresh instance: a fresh cache
    assert await has(mode, user, "testapp.change_article")
    assert await has(mode, user, "testapp.publish_article")
    assert not await has(mode, user, "testapp.delete_article")
    if mode == "sync":
        assert user.get_user_permissions() == {"testapp.change_article"}
        assert user.get_group_permissions() == {"testapp.publish_article"}
        assert user.has_perms(["testapp.change_article", "testapp.publish_article"])
        assert not user.has_perms(["testapp.change_article", "testapp.delete_article"])
        assert user.has_module_perms("testapp") and not user.has_module_perms("auth")
    else:
        assert await user.aget_all_permissions() == {
            "testapp.change_article",
            "testapp.publish_article",
        }
        assert await user.ahas_perms(["testapp.change_article", "testapp.publish_article"])
        assert await user.ahas_module_perms("testapp")
    with pytest.raises(ValueError, match="not a string"):
        user.has_perms("testapp.change_article")


def test_permissions_are_cached_per_instance(db: str, assert_num_queries: Any) -> None:
    user = User.objects.create_user("cache", password="pw")
    user.user_permissions.add(_perm("change_article"))
    user = User.objects.get(pk=user.pk)
    with assert_num_queries(2):  # the user's own permissions, then its groups'
        for _ in range(5):
            assert user.has_perm("testapp.change_article")
            assert not user.has_perm("testapp.delete_article")
    fresh = User.objects.get(pk=user.pk)
    fresh.user_permissions.remove(_perm("change_article"))
    assert user.has_perm("testapp.change_article")  # this instance still remembers
    assert not User.objects.get(pk=user.pk).has_perm("testapp.change_article")


@pytest.mark.parametrize("mode", MODES)
async def test_superuser_and_inactive_user(db: str, mode: str) -> None:
    root = User.objects.create_superuser("root", None, "pw")
    assert await has(mode, root, "testapp.anything_at_all")
    assert root.has_module_perms("whatever")
    gone = User.objects.create_superuser("gone", None, "pw", is_active=False)
    assert not await has(mode, gone, "testapp.change_article")
    inactive = User.objects.create_user("inactive", password="pw", is_active=False)
    inactive.user_permissions.add(_perm("change_article"))
    assert not await has(mode, User.objects.get(pk=inactive.pk), "testapp.change_article")
    assert not await has(mode, AnonymousUser(), "testapp.change_article")
