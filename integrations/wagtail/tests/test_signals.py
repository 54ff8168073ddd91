"""
signals.py, apps.py and conf.py against stand-ins for Django and Wagtail (django_stubs.py), replaying
the signal sequences Wagtail produces: which events are queued, when (after the commit only), with what
URL, and that no failure reaches the code that published.
"""

import os
import sys
import unittest
import unittest.mock
from typing import Any, List

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django_stubs  # noqa: E402

stubs = django_stubs.install()
Page = stubs.Page
signals_ = stubs.signals


def wagtail_pre_delete_page_unpublish(sender: Any, instance: Any, **kwargs: Any) -> None:
    # wagtail/signal_handlers.py: a live page about to be deleted is unpublished first, which sends
    # page_unpublished for the specific page (wagtail/actions/unpublish_page.py). Wagtail's app is
    # listed before ours, so this runs before our pre_delete receiver.
    signals_.page_unpublished.send(sender=instance.specific_class, instance=instance)


signals_.pre_delete.connect(wagtail_pre_delete_page_unpublish, sender=Page)

from wagtail_netlify_webhook import apps, conf, sender, signals  # noqa: E402

SECRET = "0123456789abcdef0123"


class BlogPage(Page):
    _meta = django_stubs.Meta("blog")


def setUpModule() -> None:
    app = apps.WagtailNetlifyWebhookConfig("wagtail_netlify_webhook", None)
    app.ready()
    app.ready()  # Django may call ready() twice in tests; receivers must not double up


class SignalsTest(unittest.TestCase):
    def setUp(self) -> None:
        stubs.settings.__dict__.clear()
        stubs.settings.WAGTAIL_NETLIFY_WEBHOOK_URL = "https://www.example.com/api/wagtail-webhook"
        stubs.settings.WAGTAIL_NETLIFY_WEBHOOK_SECRET = SECRET
        Page.objects.rows.clear()
        sender._warned.clear()
        self.sent: List[sender.PageEvent] = []
        dispatcher = sender.Dispatcher(send=lambda config, event: self.sent.append(event))
        patcher = unittest.mock.patch.object(sender, "dispatcher", dispatcher)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.dispatcher = dispatcher

    def events(self) -> List[sender.PageEvent]:
        self.assertTrue(self.dispatcher.flush(5))
        return self.sent

    def page(self, pk: int = 7, url: Any = "/journal/my-post/", title: str = "My post") -> BlogPage:
        page = BlogPage(pk, title, url)
        Page.objects.rows[pk] = page
        return page

    def test_app_connects_each_receiver_once_and_registers_the_settings_check(self) -> None:
        for name in ("page_published", "page_unpublished", "pre_page_move", "post_page_move"):
            self.assertEqual(len(getattr(signals_, name).receivers), 1, name)
        self.assertEqual(len(signals_.pre_delete.receivers), 2)  # Wagtail's and ours
        self.assertEqual([sender for _, _, sender in signals_.pre_delete.receivers], [Page, Page])
        self.assertIn(conf.check_settings, stubs.checks)

    def test_publish_is_sent_after_the_commit_only(self) -> None:
        page = self.page()
        with stubs.transaction.atomic():
            signals_.page_published.send(sender=BlogPage, instance=page, revision=None)
            self.assertEqual(self.dispatcher.pending(), 0)
        self.assertEqual(
            self.events(),
            [sender.PageEvent("page_published", 7, "/journal/my-post/", "My post", "blog.BlogPage")],
        )

    def test_a_rolled_back_publish_sends_nothing(self) -> None:
        page = self.page()
        with self.assertRaises(RuntimeError):
            with stubs.transaction.atomic():
                signals_.page_published.send(sender=BlogPage, instance=page, revision=None)
                raise RuntimeError("the publish failed")
        self.assertEqual(self.events(), [])

    def test_unpublish(self) -> None:
        page = self.page(url=None)  # not routable (no site above it): url is null
        signals_.page_unpublished.send(sender=BlogPage, instance=page)
        self.assertEqual(self.events(), [sender.PageEvent("page_unpublished", 7, None, "My post", "blog.BlogPage")])

    def test_deleting_a_live_page_sends_one_page_deleted_with_the_url_it_had(self) -> None:
        page = self.page()
        base = Page(7, "My post", "/journal/my-post/", specific_class=BlogPage)
        with stubs.transaction.atomic():  # Django's Collector.delete: pre_delete, the DELETE, post_delete
            signals_.pre_delete.send(sender=Page, instance=base, using="default")
            signals_.pre_delete.send(sender=BlogPage, instance=page, using="default")  # the child row
            del Page.objects.rows[7]
            base.url = page.url = None  # whatever the instance says now, the URL from before is sent
            signals_.post_delete.send(sender=BlogPage, instance=page, using="default")
            signals_.post_delete.send(sender=Page, instance=base, using="default")
        self.assertEqual(
            self.events(),
            [sender.PageEvent("page_deleted", 7, "/journal/my-post/", "My post", "blog.BlogPage")],
        )

    def test_a_move_sends_old_and_new_url(self) -> None:
        page = self.page(url="/journal/my-post/")
        moved = BlogPage(7, "My post", "/archive/my-post/")  # MovePageAction reloads the page after the move
        signals_.pre_page_move.send(sender=BlogPage, instance=page, url_path_before="x", url_path_after="y")
        signals_.post_page_move.send(sender=BlogPage, instance=moved, url_path_before="x", url_path_after="y")
        self.assertEqual(
            self.events(),
            [sender.PageEvent("page_moved", 7, "/archive/my-post/", "My post", "blog.BlogPage", "/journal/my-post/")],
        )

    def test_a_move_without_pre_page_move_falls_back_to_instance_before(self) -> None:
        before = self.page(url="/journal/my-post/")
        moved = BlogPage(7, "My post", "/archive/my-post/")
        signals_.post_page_move.send(sender=BlogPage, instance=moved, instance_before=before)
        self.assertEqual(self.events()[0].old_url, "/journal/my-post/")

    def test_a_broken_page_never_breaks_publishing(self) -> None:
        page = self.page()
        with unittest.mock.patch.object(BlogPage, "get_url_parts", side_effect=RuntimeError("no site")):
            with self.assertLogs(signals.logger, level="ERROR"):
                signals_.page_published.send(sender=BlogPage, instance=page, revision=None)
        self.assertEqual(self.events(), [])

    def test_a_failure_after_the_commit_never_reaches_the_commit(self) -> None:
        page = self.page()
        with unittest.mock.patch.object(sender, "notify", side_effect=RuntimeError("queue broken")):
            with self.assertLogs(signals.logger, level="ERROR"):
                with stubs.transaction.atomic():
                    signals_.page_published.send(sender=BlogPage, instance=page, revision=None)

    def test_unset_settings_send_nothing(self) -> None:
        del stubs.settings.WAGTAIL_NETLIFY_WEBHOOK_SECRET
        with self.assertLogs(sender.logger, level="WARNING"):
            signals_.page_published.send(sender=BlogPage, instance=self.page(), revision=None)
        self.assertEqual(self.events(), [])


class CheckTest(unittest.TestCase):
    def setUp(self) -> None:
        stubs.settings.__dict__.clear()

    def test_unset_is_fine(self) -> None:
        self.assertEqual(conf.check_settings(), [])

    def test_a_wrong_value_is_an_error_naming_the_setting(self) -> None:
        stubs.settings.WAGTAIL_NETLIFY_WEBHOOK_URL = "https://www.example.com/api/wagtail-webhook"
        stubs.settings.WAGTAIL_NETLIFY_WEBHOOK_SECRET = SECRET
        stubs.settings.WAGTAIL_NETLIFY_WEBHOOK_TIMEOUT = "five"
        [error] = conf.check_settings()
        self.assertEqual(error.id, "wagtail_netlify_webhook.E001")
        self.assertIn("WAGTAIL_NETLIFY_WEBHOOK_TIMEOUT", error.msg)


if __name__ == "__main__":
    unittest.main()
