"""The key line at the foot of an open pod: the keys that matter now, always whole.

Textual's own footer lists every shown binding in order and cuts the line off at
the screen's edge: at 80 columns the facilitator lost Ctrl+Z, Ctrl+E, Ctrl+F and
F1. This one chooses what fits. Each key has a rank; the most important are
placed first (the next stage, undo, help, then the keys of the part being worked
on), then the rest while there is room, and all are shown in one steady order.
Near the end of a pod, finishing and exporting rank first. F1 lists every key,
and Ctrl+P finds every command, so nothing is out of reach.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Keys shown though their binding says show=False: too important to hide.
ALWAYS_OFFERED = {"pod.undo", "pod.export", "pod.finish", "app.palette"}

# Where a key comes in the line (left to right); the part's own keys come first.
ORDER = [
    "pod.next-stage",
    "pod.previous-stage",
    "pod.map",
    "pod.pick-stage",
    "pod.present",
    "pod.timer",
    "pod.undo",
    "pod.export",
    "pod.finish",
    "pod.case",
    "app.help",
    "app.palette",
    "app.quit",
]

# How much each matters (0 first). A key of the part being worked on ranks 1.
RANK = {
    "pod.next-stage": 0,
    "pod.undo": 0,
    "app.help": 0,
    "pod.map": 1,
    "pod.present": 1,
    "pod.timer": 1,
    "pod.previous-stage": 2,
    "pod.export": 2,
    "pod.finish": 2,
    "pod.case": 0,
    "pod.pick-stage": 3,
    "app.palette": 3,
    "app.quit": 3,
    "map.move": 3,
}
PART_RANK = 1

# Short words for narrow screens; the binding's own description where there is room.
SHORT = {
    "pod.next-stage": "Next",
    "pod.previous-stage": "Back",
    "pod.pick-stage": "Stages",
    "pod.present": "Present",
    "pod.timer": "Timer",
    "pod.map": "Map",
    "pod.undo": "Undo",
    "pod.export": "Export",
    "pod.finish": "Finish",
    "pod.case": "Case",
    "app.help": "Help",
    "app.palette": "Commands",
}
WIDE = 120  # from here the bindings' own, longer words

# Stages near the end: finishing and exporting are what the facilitator reaches for.
CLOSING_WORK = {"planning", "reflection"}


def key_width(key_display: str, description: str) -> int:
    """Cells a compact footer key takes: key, space, words, and the gap after it."""
    return len(key_display) + 1 + len(description) + 1


class PodFooter(Footer):
    """The open pod's key line: as many of the keys that matter as fit, most important first."""

    def __init__(self, **kwargs) -> None:
        super().__init__(compact=True, show_command_palette=False, **kwargs)
        self._laid_out_for = 0
        self._shown: tuple = ()  # what the line shows now (see _line)
        self._redraw_asked = False

    def _near_the_end(self) -> bool:
        screen = self.screen
        plan = getattr(screen, "plan", None)
        if plan is None or not getattr(plan, "stages", None):
            return False
        index = getattr(screen, "stage_index", 0)
        return index >= len(plan.stages) - 1 or plan.stages[index].work in CLOSING_WORK

    def chosen(self, width: int) -> list[tuple[Binding, bool, str, str]]:
        """The keys to show at ``width``: (binding, enabled, tooltip, words), in line order."""
        closing = self._near_the_end()
        seen: set[str] = set()
        offered: list[tuple[int, int, Binding, bool, str, str]] = []
        part_order = 0
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            key_id = binding.id or binding.action
            if binding.key == "ctrl+z":
                key_id = "pod.undo"  # in a text box ctrl+z undoes the typing: still "Undo"
            if key_id in seen or not (binding.show or key_id in ALWAYS_OFFERED):
                continue
            seen.add(key_id)
            if key_id in ORDER:
                place = 100 + ORDER.index(key_id)
                rank = RANK.get(key_id, 3)
                if closing and key_id in ("pod.export", "pod.finish"):
                    rank = 0
                if key_id == "pod.finish" and getattr(self.screen, "attempt", None) is not None:
                    rank = 0  # a practice attempt ends by comparing: always in sight
            else:  # a key of the part being worked on (the map, the statements...)
                place = part_order
                part_order += 1
                rank = RANK.get(key_id, PART_RANK)
            words = binding.description if width >= WIDE else SHORT.get(key_id, binding.description)
            own_words = getattr(self.screen, "key_words", None)  # a pod may name a key its own way
            if callable(own_words):
                words = own_words(key_id, width >= WIDE) or words
            offered.append((rank, place, binding, enabled, tooltip, words))
        room = width - 1
        shown = []
        for rank, place, binding, enabled, tooltip, words in sorted(offered, key=lambda o: (o[0], o[1])):
            needed = key_width(self.app.get_key_display(binding), words)
            if needed <= room:
                room -= needed
                shown.append((place, binding, enabled, tooltip, words))
        return [(b, e, t, w) for _, b, e, t, w in sorted(shown, key=lambda s: s[0])]

    def _line(self, keys: list[tuple[Binding, bool, str, str]]) -> tuple:
        return tuple((binding.key, binding.action, enabled, tooltip, words) for binding, enabled, tooltip, words in keys)

    def bindings_changed(self, screen) -> None:
        """Every move of the keyboard says the bindings changed (opening a pod: over a hundred
        times). Redraw at most once a frame, and only when the line would read differently."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._redraw_asked:
            self._redraw_asked = True
            self.call_after_refresh(self._redraw_if_changed)

    async def _redraw_if_changed(self) -> None:
        self._redraw_asked = False
        if not self.is_attached:
            return
        width = self.size.width or self.app.size.width
        if width != self._laid_out_for or self._line(self.chosen(width)) != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        keys = self.chosen(width)
        self._shown = self._line(keys)
        self.styles.grid_size_columns = len(keys)
        for binding, enabled, tooltip, words in keys:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                words,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
            ).data_bind(compact=Footer.compact)

    def on_resize(self) -> None:
        if self.size.width != self._laid_out_for and self._bindings_ready:
            self.call_after_refresh(self.recompose)
