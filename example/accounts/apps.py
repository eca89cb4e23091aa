from heron.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
