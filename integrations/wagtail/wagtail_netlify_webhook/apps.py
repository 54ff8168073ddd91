from django.apps import AppConfig


class WagtailNetlifyWebhookConfig(AppConfig):
    name = "wagtail_netlify_webhook"
    verbose_name = "Wagtail → Netlify webhook"

    def ready(self) -> None:
        from django.core import checks

        from . import conf, signals

        checks.register(conf.check_settings)
        signals.connect()
