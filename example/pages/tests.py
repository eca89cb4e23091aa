"""Tests of the demo pages; run them with `heron test` from example/."""

from heron.test import TestCase
from heron.urls import reverse


class PagesTests(TestCase):
    def test_home_renders_the_template(self) -> None:
        response = self.client.get(reverse("pages:home"))
        self.assertContains(response, "Heron demo")
        self.assertContains(response, 'href="/about/"')

    def test_class_based_view(self) -> None:
        response = self.client.get("/about/")
        self.assertContains(response, "AboutView.get")

    def test_async_json_view(self) -> None:
        response = self.client.get("/api/status/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "ok")

    def test_form_post_is_echoed(self) -> None:
        response = self.client.post("/echo/", {"name": "Ada", "colour": "green"})
        self.assertContains(response, "Ada")
        self.assertContains(response, "green")

    def test_forms_are_protected_against_cross_site_posts(self) -> None:
        from heron.test import Client

        browser = Client(enforce_csrf_checks=True)
        page = browser.get("/echo/")
        self.assertContains(page, 'name="csrfmiddlewaretoken"')
        token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        forged = browser.post("/echo/", {"name": "Mallory", "colour": "grey"})
        self.assertEqual(forged.status_code, 403)
        sent = browser.post(
            "/echo/", {"name": "Ada", "colour": "grey", "csrfmiddlewaretoken": token}
        )
        self.assertContains(sent, "Ada")

    def test_pages_send_a_content_security_policy(self) -> None:
        response = self.client.get("/")
        self.assertIn("default-src 'self'", response.headers["content-security-policy"])

    def test_upload_reports_name_and_size(self) -> None:
        from heron.http import UploadedFile

        document = UploadedFile.from_bytes(b"hello heron", "note.txt", "text/plain")
        response = self.client.post("/upload/", {"document": document})
        self.assertContains(response, "note.txt")
        self.assertContains(response, "11 bytes")

    def test_download_is_an_attachment(self) -> None:
        response = self.client.get("/download/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["content-disposition"])
        self.assertIn(b"Herons", response.content)

    def test_named_urls(self) -> None:
        self.assertEqual(reverse("pages:greet", args=["ada"]), "/greet/ada/")
        response = self.client.get(reverse("pages:named-urls"))
        self.assertContains(response, "/greet/grace/")
        self.assertContains(response, "/greet/linus/")
