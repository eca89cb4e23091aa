"""Views of the polls app: generic views, a form view with a formset, messages, an async API."""

from __future__ import annotations

from typing import Any

from heron import timezone
from heron.contrib import messages
from heron.db import transaction
from heron.db.models import Count, F, Sum
from heron.http import HttpRequest, HttpResponse, JsonResponse
from heron.shortcuts import get_object_or_404, redirect, render
from heron.urls import reverse_lazy
from heron.views import generic
from heron.views.decorators import require_POST

from .forms import ChoiceFormSet, QuestionForm, VoteForm
from .models import Choice, Question, Tag


def published() -> Any:
    return Question.objects.filter(pub_date__lte=timezone.now())


class IndexView(generic.ListView):
    """Published questions, newest first, five per page; ``?tag=`` narrows them."""

    template_name = "polls/index.html"
    context_object_name = "questions"
    paginate_by = 5

    def get_queryset(self) -> Any:
        questions = published().annotate(choice_count=Count("choices"))
        tag = self.request.GET.get("tag")
        if tag:
            questions = questions.filter(tags__name=tag)
        return questions.prefetch_related("tags")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["tags"] = Tag.objects.all()
        context["current_tag"] = self.request.GET.get("tag", "")
        return context


class DetailView(generic.DetailView):
    """One question with its voting form; unpublished questions are a 404."""

    template_name = "polls/detail.html"
    context_object_name = "question"

    def get_queryset(self) -> Any:
        return published()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["form"] = VoteForm(self.object)
        return context


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a vote with an F() update (no lost votes under concurrency), then redirect."""
    question = get_object_or_404(published(), pk=pk)
    form = VoteForm(question, request.POST)
    if not form.is_valid():
        return render(request, "polls/detail.html", {"question": question, "form": form})
    choice: Choice = form.cleaned_data["choice"]
    Choice.objects.filter(pk=choice.pk).update(votes=F("votes") + 1)
    messages.success(request, f"Thanks for voting for “{choice.choice_text}”.")
    return redirect("polls:results", question.pk)


def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The vote counts; an htmx request (``HX-Request``) gets only the ``results`` block."""
    question = get_object_or_404(published(), pk=pk)
    total = question.choices.aggregate(total=Sum("votes"))["total"] or 0
    template = "polls/results.html"
    if request.headers.get("HX-Request"):
        template += "#results"  # a partial: just that block, for swapping into the page
    return render(
        request, template, {"question": question, "choices": question.choices.all(), "total": total}
    )


def create(request: HttpRequest) -> HttpResponse:
    """A model form and an inline formset saved together in one transaction."""
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data)
    formset = ChoiceFormSet(data, prefix="choices")
    if data is not None and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            question = form.save()
            formset.instance = question
            formset.save()
        messages.success(request, "Your question is published.")
        return redirect(question)
    return render(request, "polls/question_form.html", {"form": form, "formset": formset})


class DeleteView(generic.DeleteView):
    """GET asks for confirmation; POST deletes the question and its choices."""

    model = Question
    template_name = "polls/question_confirm_delete.html"
    success_url = reverse_lazy("polls:index")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.info(self.request, f"Deleted “{self.object.question_text}”.")
        return super().form_valid(form)


async def api_latest(request: HttpRequest) -> JsonResponse:
    """An async view reading with the async ORM."""
    questions = [
        {"id": q.pk, "question": q.question_text, "published": q.pub_date.isoformat()}
        async for q in published().order_by("-pub_date")[:5]
    ]
    return JsonResponse({"questions": questions})
