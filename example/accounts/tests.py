"""Sign-in, sign-out and password reset on the demo site; run with `heron test` from example/."""

import re

from heron.contrib.auth import get_user_model
from heron.mail import outbox
from heron.test import TestCase


class AccountTests(TestCase):
    def setUp(self) -> None:
        self.user = get_user_model().objects.create_user(
            "ada", "ada@example.com", "correct horse battery"
        )

    def test_sign_in_and_out(self) -> None:
        page = self.client.get("/accounts/login/")
        self.assertContains(page, "Sign in")
        self.assertContains(page, "Heron demo")  # the demo's own layout
        response = self.client.post(
            "/accounts/login/", {"username": "ada", "password": "correct horse battery"}
        )
        self.assertEqual(response.headers["Location"], "/")
        self.assertContains(self.client.get("/"), "Signed in as ada")
        self.client.post("/accounts/logout/")
        self.assertNotContains(self.client.get("/"), "Signed in as ada")

    def test_wrong_password(self) -> None:
        response = self.client.post("/accounts/login/", {"username": "ada", "password": "no"})
        self.assertContains(response, "Please enter a correct username and password.")

    def test_password_reset_by_email(self) -> None:
        response = self.client.post("/accounts/password_reset/", {"email": "ada@example.com"})
        self.assertEqual(response.headers["Location"], "/accounts/password_reset/done/")
        self.assertEqual(len(outbox), 1)
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", outbox[0].body)
        assert link is not None
        form = self.client.get(link.group(1))
        new = "a brand new passphrase"
        done = self.client.post(
            form.headers["Location"], {"new_password1": new, "new_password2": new}
        )
        self.assertEqual(done.headers["Location"], "/accounts/reset/done/")
        self.assertTrue(self.client.login(username="ada", password=new))
