"""The views of the generic view tests: each built-in view, sync and async."""

from __future__ import annotations

from typing import Any

from heron import forms
from heron.http import HttpRequest
from heron.views.generic import (
    CreateView,
    DeleteView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from .models import Author, Book


class About(TemplateView):
    template_name = "about.html"
    extra_context = {"who": "us"}


class AsyncAbout(About):
    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)


class AuthorByName(DetailView):
    queryset = Author.objects.filter(name__startswith="A")
    slug_field = "name"
    slug_url_kwarg = "name"
    context_object_name = "person"
    template_name = "person.html"


class AuthorList(ListView):
    model = Author
    paginate_by = 2


class AsyncAuthorList(ListView):
    model = Author
    paginate_by = 2

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)


class BookList(ListView):
    queryset = Book.objects.filter(pages__gt=0)
    ordering = "-pages"
    context_object_name = "books"
    allow_empty = False


class AsyncBookList(BookList):
    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)


class AuthorDetail(DetailView):
    model = Author


class AsyncAuthorDetail(DetailView):
    model = Author

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)


class AuthorDelete(DeleteView):
    model = Author
    success_url = "/authors/?deleted={name}"


class AsyncAuthorDelete(AuthorDelete):
    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)

    async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().post(request, *args, **kwargs)


# -- forms -------------------------------------------------------------------------------------

SENT: list[dict[str, Any]] = []


class ContactForm(forms.Form):
    email = forms.EmailField()
    message = forms.CharField(max_length=20)


class Contact(FormView):
    template_name = "contact.html"
    form_class = ContactForm
    success_url = "/thanks/"
    initial = {"message": "Hello"}

    def form_valid(self, form: Any) -> Any:
        SENT.append(form.cleaned_data)
        return super().form_valid(form)


class AsyncContact(Contact):
    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)

    async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().post(request, *args, **kwargs)


class AuthorCreate(CreateView):
    model = Author
    fields = ["name", "slug"]
    success_url = "/done/{slug}/{id}/"


class AsyncAuthorCreate(AuthorCreate):
    async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().post(request, *args, **kwargs)


class AuthorUpdate(UpdateView):
    model = Author
    fields = ["name"]


class AsyncAuthorUpdate(AuthorUpdate):
    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().get(request, *args, **kwargs)

    async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return await super().post(request, *args, **kwargs)


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title", "pages"]

    def clean_pages(self) -> int:
        pages = int(self.cleaned_data["pages"])
        if pages < 1:
            raise forms.ValidationError("A book has at least one page.")
        return pages


class BookCreate(CreateView):
    form_class = BookForm
    template_name = "contact.html"
    success_url = "/books/?new={title}"
