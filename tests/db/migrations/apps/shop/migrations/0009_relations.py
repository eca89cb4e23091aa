from heron.db import migrations, models


def link(apps, schema_editor):
    Author = apps.get_model("shop", "Author")
    Book = apps.get_model("shop", "Book")
    for author in Author.objects.order_by("id"):
        books = list(Book.objects.filter(pages__gt=0).order_by("id"))
        Book.objects.filter(id=books[0].id).update(author=author)
        through = Author._meta.get_field("favourites").through
        for book in books:
            through.objects.create(author=author, book=book)
        break


def unlink(apps, schema_editor):
    Book = apps.get_model("shop", "Book")
    Book.objects.update(author=None)


class Migration(migrations.Migration):
    dependencies = [("shop", "0008_drop_unique_and_index")]

    operations = [
        migrations.AddField(
            "Book",
            "author",
            models.ForeignKey("shop.Author", on_delete=models.CASCADE, null=True),
        ),
        migrations.AddField("Author", "favourites", models.ManyToManyField("shop.Book")),
        migrations.RunPython(link, unlink),
    ]
