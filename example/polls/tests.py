"""The polls pages driven end to end through the test client, as a visitor would use them."""

from __future__ import annotations

from datetime import timedelta

from accounts.models import User
from click.testing import CliRunner

from heron import timezone
from heron.test import TestCase
from heron.urls import reverse

from .commands import demodata
from .models import Choice, Question, Tag


def make_question(
    text: str, *, days: int = 0, choices: tuple[str, ...] = ("Yes", "No")
) -> Question:
    question = Question.objects.create(
        question_text=text, pub_date=timezone.now() + timedelta(days=days)
    )
    for choice_text in choices:
        Choice.objects.create(question=question, choice_text=choice_text)
    return question


class IndexTests(TestCase):
    def test_no_questions(self) -> None:
        response = self.client.get(reverse("polls:index"))
        self.assertContains(response, "No polls are available.")

    def test_future_questions_are_hidden(self) -> None:
        make_question("Past question?", days=-1)
        make_question("Future question?", days=30)
        response = self.client.get("/polls/")
        self.assertContains(response, "Past question?")
        self.assertNotContains(response, "Future question?")
        self.assertContains(response, "2 choices")

    def test_pages_of_five_and_bad_page_is_404(self) -> None:
        for number in range(7):
            make_question(f"Question {number}?", days=-1 - number)
        first = self.client.get("/polls/")
        self.assertContains(first, "Page 1 of 2")
        self.assertContains(first, "Question 0?")
        self.assertNotContains(first, "Question 6?")
        second = self.client.get("/polls/?page=2")
        self.assertContains(second, "Question 6?")
        self.assertEqual(self.client.get("/polls/?page=9").status_code, 404)

    def test_filter_by_tag(self) -> None:
        kitchen = Tag.objects.create(name="kitchen")
        tagged = make_question("Tea or coffee?", days=-1)
        tagged.tags.add(kitchen)
        make_question("Cats or dogs?", days=-1)
        response = self.client.get("/polls/?tag=kitchen")
        self.assertContains(response, "Tea or coffee?")
        self.assertNotContains(response, "Cats or dogs?")


class VoteTests(TestCase):
    def test_vote_counts_and_flashes_a_message_once(self) -> None:
        question = make_question("Tea or coffee?", days=-1, choices=("Tea", "Coffee"))
        tea = question.choices.get(choice_text="Tea")
        detail = self.client.get(reverse("polls:detail", args=[question.pk]))
        self.assertContains(detail, 'type="radio"')
        response = self.client.post(f"/polls/{question.pk}/vote/", {"choice": str(tea.pk)})
        self.assertRedirects(
            response, f"/polls/{question.pk}/results/", fetch_redirect_response=False
        )
        results = self.client.get(f"/polls/{question.pk}/results/")
        self.assertContains(results, "Thanks for voting for “Tea”.")
        self.assertContains(results, "1 vote in all.")
        again = self.client.get(f"/polls/{question.pk}/results/")
        self.assertNotContains(again, "Thanks for voting")
        tea.refresh_from_db()
        self.assertEqual(tea.votes, 1)

    def test_vote_without_choice_rerenders_with_error(self) -> None:
        question = make_question("Tea or coffee?", days=-1)
        response = self.client.post(f"/polls/{question.pk}/vote/", {})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Pick one of the choices before voting.")
        self.assertContains(response, 'aria-invalid="true"')

    def test_vote_needs_post_and_a_published_question(self) -> None:
        question = make_question("Later?", days=5)
        self.assertEqual(self.client.get(f"/polls/{question.pk}/vote/").status_code, 405)
        self.assertEqual(self.client.get(f"/polls/{question.pk}/").status_code, 404)


class PartialTests(TestCase):
    def test_htmx_request_gets_only_the_results_block(self) -> None:
        question = make_question("Tea or coffee?", days=-1, choices=("Tea", "Coffee"))
        full = self.client.get(f"/polls/{question.pk}/results/")
        self.assertContains(full, "<nav>")
        partial = self.client.get(f"/polls/{question.pk}/results/", headers={"HX-Request": "true"})
        self.assertTrue(partial.text.lstrip().startswith('<table id="results">'))
        self.assertNotContains(partial, "<nav>")
        self.assertContains(partial, "0 votes in all.")


class CreateAndDeleteTests(TestCase):
    def test_create_question_with_choices(self) -> None:
        data = {
            "question_text": "Mountains or sea?",
            "choices-TOTAL_FORMS": "3",
            "choices-INITIAL_FORMS": "0",
            "choices-MIN_NUM_FORMS": "0",
            "choices-MAX_NUM_FORMS": "10",
            "choices-0-choice_text": "Mountains",
            "choices-1-choice_text": "Sea",
            "choices-2-choice_text": "",
        }
        response = self.client.post("/polls/new/", data)
        question = Question.objects.get(question_text="Mountains or sea?")
        self.assertRedirects(response, f"/polls/{question.pk}/")
        self.assertEqual(
            sorted(question.choices.values_list("choice_text", flat=True)), ["Mountains", "Sea"]
        )

    def test_new_tags_are_created_and_existing_ones_are_checkboxes(self) -> None:
        form = self.client.get("/polls/new/")
        self.assertNotContains(form, 'name="tags"')  # no tags yet: no empty list to pick from
        self.assertContains(form, 'name="new_tags"')
        data = {
            "question_text": "Mountains or sea?",
            "new_tags": "Travel, summer plans, travel, ",
            "choices-TOTAL_FORMS": "1",
            "choices-INITIAL_FORMS": "0",
            "choices-0-choice_text": "Sea",
        }
        self.client.post("/polls/new/", data)
        question = Question.objects.get(question_text="Mountains or sea?")
        self.assertEqual(
            sorted(question.tags.values_list("name", flat=True)), ["summer-plans", "travel"]
        )
        form = self.client.get("/polls/new/")
        self.assertContains(form, 'type="checkbox" name="tags"', count=2)
        data |= {"question_text": "Hills?", "tags": [str(Tag.objects.get(name="travel").pk)]}
        data["new_tags"] = ""
        self.client.post("/polls/new/", data)
        hills = Question.objects.get(question_text="Hills?")
        self.assertEqual(list(hills.tags.values_list("name", flat=True)), ["travel"])

    def test_a_tag_too_long_is_refused(self) -> None:
        data = {
            "question_text": "Long?",
            "new_tags": "x" * 41,
            "choices-TOTAL_FORMS": "1",
            "choices-INITIAL_FORMS": "0",
            "choices-0-choice_text": "Yes",
        }
        response = self.client.post("/polls/new/", data)
        self.assertContains(response, "A tag has at most 40 characters.")
        self.assertFalse(Tag.objects.exists())

    def test_invalid_question_is_shown_again(self) -> None:
        data = {
            "question_text": "No question mark",
            "choices-TOTAL_FORMS": "1",
            "choices-INITIAL_FORMS": "0",
            "choices-0-choice_text": "x",
        }
        response = self.client.post("/polls/new/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "A question ends with a question mark.")
        self.assertFalse(Question.objects.exists())

    def test_delete_asks_then_deletes_with_cascade(self) -> None:
        question = make_question("Delete me?", days=-1)
        confirm = self.client.get(f"/polls/{question.pk}/delete/")
        self.assertContains(confirm, "Delete “Delete me?”?")
        response = self.client.post(f"/polls/{question.pk}/delete/")
        self.assertRedirects(response, "/polls/", fetch_redirect_response=False)
        self.assertFalse(Question.objects.exists())
        self.assertFalse(Choice.objects.exists())


class ApiTests(TestCase):
    def test_latest_questions_as_json(self) -> None:
        make_question("Old?", days=-3)
        make_question("New?", days=-1)
        data = self.client.get("/polls/api/latest/").json()
        self.assertEqual([q["question"] for q in data["questions"]], ["New?", "Old?"])


class StaticTests(TestCase):
    def test_stylesheet_is_served_in_development(self) -> None:
        page = self.client.get("/polls/")
        self.assertContains(page, 'href="/static/pages/site.css"')
        css = self.client.get("/static/pages/site.css")
        self.assertEqual(css.status_code, 200)
        self.assertIn(b"prefers-color-scheme: dark", css.content)


class DemoDataTests(TestCase):
    def test_loads_once_into_an_empty_database(self) -> None:
        first = CliRunner().invoke(demodata.command)
        self.assertEqual(
            first.output, "Loaded the demo polls (33 objects from polls/fixtures/demo.json).\n"
        )
        self.assertEqual((Question.objects.count(), Tag.objects.count()), (7, 4))
        Choice.objects.filter(pk=1).update(votes=100)
        again = CliRunner().invoke(demodata.command)
        self.assertEqual(again.output, "The database already has polls: demo data not loaded.\n")
        self.assertEqual(Question.objects.count(), 7)
        self.assertEqual(Choice.objects.get(pk=1).votes, 100)  # nothing reset
        page = self.client.get("/polls/")
        self.assertContains(page, "Tea or coffee in the morning?")
        self.assertContains(page, 'class="tag"', count=5 + 7)  # filter links + poll tags


class AdminTests(TestCase):
    """The tutorial's admin: the list with its boolean column, filter and search, and a
    question added with two choices inline."""

    def setUp(self) -> None:
        boss = User.objects.create_superuser("boss", "boss@example.com", "a long passphrase")
        self.client.force_login(boss)

    def test_changelist(self) -> None:
        make_question("Recent question?")
        make_question("Old question?", days=-30)
        response = self.client.get("/admin/polls/question/")
        self.assertContains(response, "Published recently?")
        self.assertContains(response, 'aria-label="Yes"')
        self.assertContains(response, 'aria-label="No"')
        self.assertContains(response, "By date published")
        found = self.client.get("/admin/polls/question/?q=old")
        self.assertContains(found, "Old question?")
        self.assertNotContains(found, "Recent question?")
        filtered = self.client.get("/admin/polls/question/?pub_date=past7")
        self.assertNotContains(filtered, "Old question?")

    def test_add_with_two_choices(self) -> None:
        response = self.client.post(
            "/admin/polls/question/add/",
            {
                "question_text": "Admin-made?",
                "pub_date": "2026-01-02 03:04:05",
                "choices-TOTAL_FORMS": "3",
                "choices-INITIAL_FORMS": "0",
                "choices-0-choice_text": "Yes",
                "choices-0-votes": "0",
                "choices-1-choice_text": "No",
                "choices-1-votes": "0",
                "choices-2-choice_text": "",
                "choices-2-votes": "0",
            },
        )
        self.assertEqual(response.status_code, 302)
        question = Question.objects.get(question_text="Admin-made?")
        self.assertEqual(sorted(c.choice_text for c in question.choices.all()), ["No", "Yes"])

    def test_every_model_is_registered(self) -> None:
        index = self.client.get("/admin/")
        for url in (
            "/admin/polls/question/",
            "/admin/polls/choice/",
            "/admin/polls/tag/",
            "/admin/accounts/user/",
            "/admin/auth/group/",
        ):
            self.assertContains(index, f'href="{url}"')
            self.assertEqual(self.client.get(url).status_code, 200)
        boss = User.objects.get(username="boss")
        page = self.client.get(f"/admin/accounts/user/{boss.pk}/change/")
        self.assertContains(page, 'name="username"')
        self.assertNotContains(page, "pbkdf2")
        self.assertNotContains(page, 'name="password"')
