from django.apps import AppConfig


class LostWorkerConfig(AppConfig):
    name = "tests.lost_worker"
    label = "tests_lost_worker"

    def ready(self) -> None:
        from tests.lost_worker.work import register

        register()
