from __future__ import annotations

from typing import Any

from heron.contrib import admin

from .models import Author, Choice, Question, Vote


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 2


class PublishedFilter(admin.SimpleListFilter):
    title = "has choices"
    parameter_name = "with_choices"

    def lookups(self, request: Any, model_admin: Any) -> Any:
        return [("yes", "With choices"), ("no", "Without choices")]

    def queryset(self, request: Any, queryset: Any) -> Any:
        if self.value() == "yes":
            return queryset.filter(choices__isnull=False).distinct()
        if self.value() == "no":
            return queryset.filter(choices__isnull=True)
        return queryset


@admin.action(permissions=["change"], description="Mark as featured")
def make_featured(modeladmin: Any, request: Any, queryset: Any) -> None:
    n = queryset.update(featured=True)
    modeladmin.message_user(request, f"{n} featured.")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = [
        "question_text",
        "pub_date",
        "author__name",
        "status",
        "was_published_recently",
        "upper",
    ]
    list_filter = ["featured", "status", "author", "pub_date", PublishedFilter]
    search_fields = ["question_text", "=author__name"]
    list_per_page = 5
    fieldsets = [
        (None, {"fields": ["question_text"]}),
        (
            "Date information",
            {"fields": ["pub_date", "featured", "status", "author"], "classes": ["collapse"]},
        ),
    ]
    inlines = [ChoiceInline]
    actions = [make_featured]

    @admin.display(description="Shouting", ordering="question_text")
    def upper(self, obj: Question) -> str:
        return obj.question_text.upper()


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["choice_text", "question", "votes"]
    readonly_fields = ["votes"]
    search_fields = ["^choice_text", "question__question_text"]


admin.site.register(Author)
admin.site.register(Vote)
