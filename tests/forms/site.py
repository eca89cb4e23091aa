"""A page with a form (and an upload), for the end-to-end test through the test client."""

from __future__ import annotations

from heron import forms
from heron.http import HttpRequest, HttpResponse, HttpResponseRedirect
from heron.shortcuts import render
from heron.urls import path

received: list[dict[str, object]] = []


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=20, help_text="Shown on your page.")
    birthday = forms.DateField(required=False)
    colour = forms.ChoiceField(
        choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect, initial="b"
    )
    notes = forms.FileField(required=False)


def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            notes = form.cleaned_data["notes"]
            received.append({**form.cleaned_data, "notes": notes.read() if notes else None})
            return HttpResponseRedirect("/done/")
    else:
        form = ProfileForm()
    return render(request, "formsite/profile.html", {"form": form})


urlpatterns = [path("profile/", profile)]
