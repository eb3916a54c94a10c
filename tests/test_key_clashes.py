"""A key the pod screen takes first (priority) must not be one a widget inside a pod needs.

The follow-up key was once F4, which the statement editor uses for the drafts: with the pod
screen taking F4 first, a scribe pressing it started a follow-up pod instead.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

import screens
from screens.pod import PodScreen


def _keys(bindings) -> set[str]:
    keys: set[str] = set()
    for binding in bindings:
        if isinstance(binding, Binding):
            keys.update(k.strip() for k in binding.key.split(","))
        else:  # a tuple (key, action, description)
            keys.update(k.strip() for k in binding[0].split(","))
    return keys


def widgets_in_screens() -> list[type[Widget]]:
    found = []
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, Widget) and not issubclass(cls, Screen):
                found.append(cls)
    return found


def test_the_pod_screen_takes_first_no_key_a_widget_of_ours_uses():
    priority = _keys(b for b in PodScreen.BINDINGS if isinstance(b, Binding) and b.priority)
    clashes = {
        f"{cls.__module__}.{cls.__name__}: {key}"
        for cls in widgets_in_screens()
        for key in _keys(cls.__dict__.get("BINDINGS", ())) & priority
    }
    assert not clashes, clashes
