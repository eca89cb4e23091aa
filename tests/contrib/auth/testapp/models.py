from heron.db import models


class Article(models.Model):
    title = models.CharField(max_length=100)

    class Meta:
        permissions = [("publish_article", "Can publish an article")]
