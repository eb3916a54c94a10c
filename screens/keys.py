"""Every key lands where it was typed, in the order it was typed.

Textual hands a key to the focused widget at once, but a key bound to an action
(tab to the next box, ``a`` to add, enter on a list, escape) acts only once it has
bubbled back up to the app through every widget in between, each in its own queue.
A busy widget on the way (an editor taking in the letter that just made a
statement, a panel redrawing) holds it there, and meanwhile the keys typed after
it have already gone to the widget that had the focus: at a brisk pace the words
after a Tab landed in the box before it, and letters typed straight after ``a``
went to the list (and were lost) instead of into the editor it opens.

``OrderedKeys`` (a mixin for the App) hands a key on only once the key before it
has finished its journey: taken by a widget on the way (a box typed into), lost
with a widget that went, or back at the app with its binding's action done. What
that action focused (``Widget.focus`` asks the app for it on the app's next turn)
has the focus before the next key is handed on. A pasted text waits its turn too.

So an action that opens an editor must open it and focus its box before it
returns (awaiting the mount), not from a timer or after a refresh: then the keys
typed while it opened go into it.
"""

from __future__ import annotations

import time
from collections import deque

from textual import events
from textual.message_pump import MessagePump

__all__ = ["OrderedKeys"]

# A key that has not finished its journey after this long, while the person types on,
# is given up on: a keyboard that stops answering would be worse than one misplaced key.
GIVE_UP_AFTER = 5.0


class OrderedKeys:
    """For the App: a key is handed on only once the one before it has been dealt with."""

    _keys_waiting: deque[events.Key | events.Paste] | None = None
    _key_under_way: events.Key | None = None
    _key_moved_at = 0.0  # when the key under way last moved on (time.monotonic)
    _settling = False  # a key is done; the next waits for what its action asked of the app

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            # From the terminal (or a test's pilot): wait behind any key still under way.
            if self._keys_waiting is None:
                self._keys_waiting = deque()
            self._keys_waiting.append(event)
            if self._key_under_way is not None and time.monotonic() - self._key_moved_at > GIVE_UP_AFTER:
                self._key_under_way = None
            if self._key_under_way is None and not self._settling:
                await self._hand_on()
            return
        await super().on_event(event)  # type: ignore[misc]
        if event is self._key_under_way:
            # Back at the app, its binding's action done: the next key goes after any
            # focus that action asked for (queued on the app before this).
            self._key_done(event)

    async def _hand_on(self) -> None:
        """Hand on the next waiting key (and any pastes before it)."""
        waiting = self._keys_waiting
        while waiting and self._key_under_way is None and not self._settling:
            event = waiting.popleft()
            if isinstance(event, events.Paste):
                await super().on_event(event)  # type: ignore[misc]
                continue
            self._key_under_way = event
            self._key_moved_at = time.monotonic()
            await super().on_event(event)  # type: ignore[misc]  # priority bindings, else to the focus
            if not event.is_forwarded:  # a priority binding took it (ctrl+q, F8...): done here
                self._key_done(event)
            else:
                app = self  # type: ignore[assignment]
                self._follow(event, app.focused or app.screen)  # type: ignore[attr-defined]

    def _follow(self, event: events.Key, widget: MessagePump) -> None:
        """Look again once ``widget`` has dealt with the key (it is ahead in the same queue)."""
        if not widget.call_later(self._passed, event, widget):
            self._key_done(event)  # the widget is closing: the key went with it

    def _passed(self, event: events.Key, widget: MessagePump) -> None:
        if event is not self._key_under_way:
            return
        self._key_moved_at = time.monotonic()
        parent = widget._parent
        if parent is None:
            self._key_done(event)  # back at the app, which has dealt with it
        elif parent is self:
            self._follow(event, parent)  # the screen has passed it up, or taken it
        elif event._stop_propagation or not widget.is_attached:
            self._key_done(event)  # taken by this widget (a box typed into), or lost with it
        else:
            self._follow(event, parent)

    def _key_done(self, event: events.Key) -> None:
        if event is not self._key_under_way:
            return
        self._key_under_way = None
        # Not yet: a focus the key's action asked for is queued on the app, and keys that
        # arrived while the action ran are queued before it. The next key goes after both.
        self._settling = True
        if not self.call_later(self._settled):  # type: ignore[attr-defined]
            self._settling = False  # the app is closing

    async def _settled(self) -> None:
        self._settling = False
        await self._hand_on()
