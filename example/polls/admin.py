"""The polls in the admin: the tutorial's QuestionAdmin (a boolean column, a date filter,
search, two fieldsets, choices edited inline) and lists for choices and tags."""

from __future__ import annotations

from heron.contrib import admin

from .models import Choice, Question, Tag


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 3


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["question_text"]}),
        ("Date information", {"fields": ["pub_date"], "classes": ["collapse"]}),
        ("Tags", {"fields": ["tags"]}),
    ]
    inlines = [ChoiceInline]
    list_display = ["question_text", "pub_date", "was_published_recently"]
    list_filter = ["pub_date"]
    search_fields = ["question_text"]


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["choice_text", "question", "votes"]
    list_filter = ["question"]
    search_fields = ["choice_text", "question__question_text"]
    ordering = ["question", "-votes"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["^name"]
