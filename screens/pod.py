"""An open pod: its parts in tabs, autosaved, with undo.

The pod is held by one ``PodSession`` (gq_pods.session); panels ask it for every
change (see workspace.py). The screen listens to it and writes the pod to the
database within half a second of the first unsaved change. ctrl+s saves at
once; leaving or quitting saves too. ctrl+z asks the session to undo.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Static, TabbedContent, TabPane

from gq_pods.model import Pod
from gq_pods.runner import StageClock, missing_before_finish, stage_record
from gq_pods.session import PodSession
from gq_pods.stages import Stage, StagePlan, for_one, stages_for
from gq_pods.teamconfig import TeamConfig, load_team_config

from .contracts import OffersCommands, SavesWork
from .details import DetailsPanel
from .footer import PodFooter
from .map import MapPanel
from .people import PeoplePanel
from .planning import PlanningPanel
from .scaling import ScalingPanel
from .stage_work import FocusPanel, ReflectionPanel
from .statements import StatementsPanel
from .text import plain
from .workspace import SAVE_DELAY, PodPanel, SaveIndicator

if TYPE_CHECKING:  # pragma: no cover
    from gq_pods.practice import Attempt
    from gq_pods.scenarios import Scenario

    from .app import GqPodsApp
    from .runner import StageHeader



def pod_heading(pod: Pod) -> Content:
    name = pod.case_reference or pod.title or "Untitled pod"
    follow_up = "  ·  follow-up pod" if pod.follows is not None else ""
    return plain(name).stylize("bold") + Content(f"  ·  {pod.date.isoformat()}  ·  {pod.style_label}{follow_up}")


# The tabs of an open pod: (id, title, panel class). Each is built when first shown.
PANES: list[tuple[str, str, type[PodPanel]]] = [
    ("map", "Map", MapPanel),
    ("people", "People", PeoplePanel),
    ("statements", "Statements", StatementsPanel),
    ("scaling", "Scaling", ScalingPanel),
    ("planning", "Planning", PlanningPanel),
    ("focus", "Focus", FocusPanel),
    ("reflection", "Reflection", ReflectionPanel),
    ("details", "Pod", DetailsPanel),
]



def pane_class(pane_id: str) -> type[PodPanel] | None:
    return next((panel for key, _, panel in PANES if key == pane_id), None)

# Which tab each kind of stage opens (and what the panel is asked to show).
WORK_TABS = {
    "set_up": "details",
    "focus_question": "focus",
    "story": "focus",
    "people": "people",
    "appreciative": "reflection",
    "worries": "map",
    "working_well": "map",
    "danger_statements": "statements",
    "safety_goals": "statements",
    "scaling": "scaling",
    "next_steps": "map",
    "planning": "planning",
    "reflection": "reflection",
}
TIME_SAVE_EVERY = 10  # seconds of stage time between quiet saves
NARROW = 110  # below this width the stage rail folds away (F3 still jumps)
# The widths pod.tcss gives the stage rail and a practice attempt's case pane, for
# PodScreen.work_width's guess before the first layout.
RAIL_WIDTH = 32
CASE_PANE_WIDTH = 36
CHECK_EVERY = 2.0  # seconds between looks for changes another copy saved, while idle


class PodTab(TabPane):
    """A tab of the open pod.

    Textual shows the tab that holds a widget given the focus. A focus asked for a
    moment earlier (a stage opening its work just as the facilitator pressed F2)
    would then drag the tabs back to where they were; a tab not on show ignores it
    and the keyboard goes back to the tab that is."""

    def _on_descendant_focus(self, event: events.DescendantFocus) -> None:
        switcher = self.parent
        if isinstance(switcher, ContentSwitcher) and switcher.current != self.id:
            event.prevent_default()
            screen = self.screen
            if isinstance(screen, PodScreen):
                screen.call_after_refresh(screen.keyboard_to_shown_tab)


class PodTabs(TabbedContent):
    """The pod's tabs. Textual shows the tab of a widget that took the focus, by a message
    that arrives a moment later: by then a stage key may have moved on to another tab (F8
    twice, quickly: the opener's box took the focus, then the worries showed the map).
    A focus that has since left that tab no longer drags it back."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors:
            event.prevent_default()  # stale: Textual's own handler would show that tab
            event.stop()


class PodScreen(SavesWork, OffersCommands, Screen):
    """One open pod."""

    app: GqPodsApp
    CSS_PATH = Path(__file__).parent / "pod.tcss"
    BINDINGS = [
        Binding("f7", "previous_stage", "Back a stage", id="pod.previous-stage", priority=True),
        Binding("f8", "next_stage", "Next stage", id="pod.next-stage", priority=True),
        Binding("f6", "toggle_timer", "Timer", id="pod.timer", priority=True),
        Binding("f2", "toggle_map", "Map", id="pod.map", priority=True),
        Binding("f3", "pick_stage", "Stages", id="pod.pick-stage", priority=True),
        Binding("f5", "presentation", "Present", id="pod.present", priority=True),
        Binding("escape", "back", "Pods", id="pod.back", show=False),
        Binding("ctrl+s", "save", "Save now", id="pod.save", show=False),
        Binding("ctrl+z", "undo", "Undo", id="pod.undo", show=False),
        Binding("ctrl+e", "export", "Export", id="pod.export", show=False, priority=True),
        Binding("ctrl+f", "finish", "Finish pod", id="pod.finish", show=False, priority=True),
        # a practice attempt only: the case summary, and comparing with the model answer
        Binding("f9", "case", "Case", id="pod.case", priority=True),
        # following up a case (screens/followup.py, screens/case_view.py)
        Binding("ctrl+t", "follow_up", "Follow up", id="pod.follow-up", show=False, priority=True),
        Binding("ctrl+l", "last_steps", "Last time's steps", id="pod.last-steps", show=False, priority=True),
        Binding("ctrl+o", "case_over_time", "Case over time", id="pod.case-over-time", show=False, priority=True),
    ]

    def __init__(
        self,
        pod: Pod,
        version: int | None = None,
        *,
        attempt: Attempt | None = None,
        scenario: Scenario | None = None,
    ) -> None:
        super().__init__()
        # A practice attempt: one learner, the case summary beside the map, compare at the end.
        self.attempt = attempt
        self.scenario = scenario
        assert pod.id is not None, "only a stored pod can be opened"
        self.pod_id = pod.id
        self.session = PodSession(pod, on_change=self.mark_dirty, stored_version=version)
        self.stage_header: StageHeader | None = None  # once composed
        self._store_lock = threading.Lock()  # one write at a time from this screen
        self._saving = self._save_again = self._checking = self._gone = False
        self._waiting: tuple[Pod, int] | None = None  # another copy's save, to merge once the typing stops
        self._last_write: tuple[Pod, int, int] | None = None  # this copy's last save: pod, change, version
        self._clashes_open = 0  # clash boxes waiting for the person's choice
        self.team: TeamConfig = load_team_config()
        self._dirty = False
        self._save_timer: Timer | None = None
        self.saved_at: dt.datetime | None = None
        self.plan: StagePlan = StagePlan(())
        self.stage_index = 0
        self.stage_clock: StageClock | None = None
        self._unsaved_seconds = 0
        self._map_return: str | None = None
        self._heading = pod_heading(pod)
        # A follow-up pod: the pods before it in its case's chain (oldest first), the last of
        # them the one it follows; read in a worker when the pod opens.
        self.earlier: list[Pod] = []
        self.previous: Pod | None = None
        # Each tab's panel, once built: a tab is built when it is first shown.
        self._panels: dict[str, PodPanel] = {}
        self._main: Vertical | None = None  # where the tabs are (see work_width)

    @property
    def pod(self) -> Pod:
        return self.session.pod

    @property
    def stage(self) -> Stage:
        return self.plan.stages[self.stage_index]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # Narrow or not is decided now, before any widget of the pod exists: set after they
        # are mounted, the class change would restyle every widget on the pod once more.
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.plan = stages_for(self.pod.style, self.team.stages)
        if self.attempt is not None:
            self.plan = for_one(self.plan)
            self.add_class("-attempt")
        self.stage_index = self.plan.index(self.pod.current_stage)
        if self.attempt is not None and not self.pod.current_stage and self.plan.get("worries") is not None:
            self.stage_index = self.plan.index("worries")  # a new attempt opens on sorting the evidence
        self.stage_clock = StageClock(self.app.clock)
        from .runner import StageHeader, StageRail

        with Horizontal(id="pod-bar"):
            yield Static(self._heading, id="pod-heading")
            yield SaveIndicator(id="save-indicator")
        with Horizontal(id="pod-body"):
            yield StageRail(id="stage-rail")
            if self.attempt is not None:
                yield self._case_pane()
            self._main = Vertical(id="pod-main")
            with self._main:
                self.stage_header = StageHeader(id="stage-header")  # kept: the clock ticks twice a second
                yield self.stage_header
                first = WORK_TABS.get(self.stage.work, "details") if self.plan.stages else "details"
                with PodTabs(id="pod-tabs", initial=f"tab-{first}"):
                    for pane_id, title, _ in PANES:
                        with PodTab(title, id=f"tab-{pane_id}"):
                            if pane_id == first:  # the others are built when first shown
                                yield self._new_panel(pane_id)
        yield PodFooter()

    def work_width(self) -> int:
        """How wide a tab's panel is: as laid out, or before the first layout the width pod.tcss
        will give it. A panel built with the right narrow or wide look from the start is
        styled and laid out once; its on_resize puts right a guess that was wrong."""
        main = self._main
        if main is not None and main.size.width:
            return main.size.width
        width = self.app.size.width
        if width < NARROW:
            return width  # the rail and the case pane fold away (F9 shows the case in place of the work)
        if self.attempt is not None:
            return width - CASE_PANE_WIDTH
        if self.has_class("-presenting"):
            return width - 2  # no rail, and a cell of room either side
        return width - RAIL_WIDTH

    def _case_pane(self) -> PodPanel:
        from gq_pods.practice import case_sentences

        from .case import CasePane

        assert self.attempt is not None
        sentences = case_sentences(self.scenario) if self.scenario is not None else []
        return CasePane(self.scenario, sentences, self.attempt.scenario_title, id="case-pane")

    def _new_panel(self, pane_id: str) -> PodPanel:
        panel_class = pane_class(pane_id)
        assert panel_class is not None, pane_id
        panel = panel_class(id=f"panel-{pane_id}")
        self._panels[pane_id] = panel
        return panel

    def build_tab(self, pane_id: str) -> AwaitMount | None:
        """Build a tab's panel if it is not built yet. Returns what to await for it, or None."""
        if pane_id in self._panels or pane_class(pane_id) is None:
            return None
        return self.query_one(f"#tab-{pane_id}", TabPane).mount(self._new_panel(pane_id))

    def panel(self, pane_id: str) -> PodPanel | None:
        """A tab's panel, if it has been built."""
        return self._panels.get(pane_id)

    @on(TabbedContent.TabActivated, "#pod-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        # A click on a tab, or the arrows on the tab bar: build it on its first showing.
        self.build_tab((event.pane.id or "").removeprefix("tab-"))

    def on_mount(self) -> None:
        self.saved_at = self.app.wall_clock()
        self.query_one(SaveIndicator).show_saved(self.saved_at)
        for error in self.team.errors + self.plan.errors:
            self.notify(error, title="Team settings", severity="warning", timeout=10, markup=False)
        self.set_interval(0.5, self.tick)
        self.set_interval(CHECK_EVERY, self._check_for_changes)
        if self.plan.stages:
            # Open on the work of the stage the pod was left at, with the keyboard in it.
            pane_id = WORK_TABS.get(self.stage.work, "details")
            # Now, before the first frame: the pod's work is on screen as soon as it is painted,
            # and keys typed on sight ("a" and a name) must find the keyboard there, not nowhere.
            # Once more after the first refresh, only if the keyboard is still nowhere.
            self._focus_work(pane_id, self.stage.work, self.stage_index)
            self.call_after_refresh(self._focus_work, pane_id, self.stage.work, self.stage_index, True)
        if self.pod.follows is not None:
            self._read_earlier(self.pod_id, ask=True)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")

    # ------------------------------------------------------------ stages and time

    def tick(self) -> None:
        """Add the time since the last tick to the current stage, while the timer runs."""
        if self.stage_clock is None or not self.plan.stages:
            return
        added = self.stage_clock.tick(stage_record(self.pod, self.stage))
        if added:
            self._unsaved_seconds += added
            if self._unsaved_seconds >= TIME_SAVE_EVERY:
                self._unsaved_seconds = 0
                self._dirty = True
                self.save_in_background()
        self._refresh_stage_header()

    def _refresh_stage_header(self) -> None:
        # Twice a second: the header kept from compose, not a search of every widget on the pod.
        header = self.stage_header
        if header is not None and header.is_attached:
            header.show_time()

    async def go_to_stage(self, index: int) -> None:
        if not self.plan.stages:
            return
        index = max(0, min(index, len(self.plan.stages) - 1))
        self.tick()
        self.stage_index = index
        stage = self.stage
        self.remove_class("-case")  # a stage key shows the work, where the case stood in its place
        self.session.enter_stage(self.plan, stage)
        self._map_return = None
        await self.open_work(stage.work)
        from .runner import StageHeader, StageRail

        for widget in (*self.query(StageHeader), *self.query(StageRail)):
            widget.show_pod()
        self.mark_dirty()

    async def open_work(self, work: str) -> None:
        pane_id = WORK_TABS.get(work, "details")
        if pane_class(pane_id) is None:
            pane_id = "details"
        building = self.build_tab(pane_id)
        self.show_tab(pane_id)
        if building is not None:
            await building  # a tab's first showing: its panel is there before the next key
        # Now, so keys typed straight after F8 land in the new work; and once more
        # after the tab is laid out, in case the panel needed its layout first.
        self._focus_work(pane_id, work, self.stage_index, from_key=True)
        self.call_after_refresh(self._focus_work, pane_id, work, self.stage_index, True)

    def _focus_work(
        self, pane_id: str, work: str, stage_index: int, only_if_lost: bool = False, from_key: bool = False
    ) -> None:
        if not from_key and self._keys_in_case():
            return  # the learner went to the case (F9) while the pod opened: the keyboard stays there
        panel = self._panels.get(pane_id)
        tabs = self.query_one("#pod-tabs", TabbedContent)
        if stage_index != self.stage_index or tabs.active != f"tab-{pane_id}" or panel is None:
            return  # the facilitator has already moved on (another stage, F2, a click on a tab)
        if only_if_lost and self.focused is not None:
            return  # the keyboard is somewhere: where the work put it, or where the person moved it since
        panel.focus_work(work)

    async def action_next_stage(self) -> None:
        if self.stage_index >= len(self.plan.stages) - 1:
            self.notify("This is the last stage. Ctrl+F finishes the pod.")
            return
        await self.go_to_stage(self.stage_index + 1)

    async def action_previous_stage(self) -> None:
        if self.stage_index == 0:
            self.notify("This is the first stage.")
            return
        await self.go_to_stage(self.stage_index - 1)

    def action_pick_stage(self) -> None:
        from .runner import StagePicker

        async def chosen(index: int | None) -> None:
            if index is not None:
                await self.go_to_stage(index)

        self.app.push_screen(StagePicker(self.plan.stages, self.stage_index), chosen)

    def action_toggle_timer(self) -> None:
        if self.stage_clock is None:
            return
        self.tick()
        running = self.stage_clock.toggle()
        if not running:
            self._dirty = True
            self.save_in_background()
        self._refresh_stage_header()
        self.notify("Timer running." if running else "Timer paused.", timeout=2)

    async def action_toggle_map(self) -> None:
        """The whole map, one key away; the same key goes back."""
        tabs = self.query_one("#pod-tabs", TabbedContent)
        if tabs.active == "tab-map" and self._map_return:
            back = self._map_return.removeprefix("tab-")
            self.show_tab(back)
            self._map_return = None
            if self.plan.stages and WORK_TABS.get(self.stage.work) == back:
                self.call_after_refresh(self._focus_work, back, self.stage.work, self.stage_index)
        else:
            self._map_return = tabs.active if tabs.active != "tab-map" else None
            building = self.build_tab("map")
            self.show_tab("map")
            if building is not None:
                await building
            self.call_after_refresh(self._keyboard_to_map)

    def keyboard_to_shown_tab(self) -> None:
        """The keyboard is in a tab that is not on show: bring it back to the one that is."""
        tabs = self.query_one("#pod-tabs", TabbedContent)
        focused = self.focused
        if focused is None or tabs.active in {node.id for node in focused.ancestors if isinstance(node, TabPane)}:
            return
        if tabs.active == "tab-map":
            self._keyboard_to_map()
        else:
            self.set_focus(None)  # then to the tab on show
            panel = self._panels.get(tabs.active.removeprefix("tab-"))
            if panel is not None and panel.is_mounted:
                panel.take_keyboard()

    def _keyboard_to_map(self) -> None:
        """F2 means 'the map': the keyboard goes with it, wherever it was before."""
        tabs = self.query_one("#pod-tabs", TabbedContent)
        panel = self._panels.get("map")
        if not isinstance(panel, MapPanel) or tabs.active != "tab-map":
            return
        if self.focused is None or panel not in self.focused.ancestors:
            panel.show_column(panel.column)

    # ------------------------------------------------------------ a practice attempt

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "case":
            return self.attempt is not None  # only an attempt has a case beside it
        if action in ("follow_up", "last_steps", "case_over_time"):
            return self.attempt is None  # an attempt is practice on a fictional case, not a case to follow
        return True

    def key_words(self, key_id: str, wide: bool) -> str | None:
        """The footer's words for a key where this pod says something else (an attempt finishes by comparing)."""
        if self.attempt is not None and key_id == "pod.finish":
            return "Done: compare with the model" if wide else "Compare"
        return None

    @property
    def case_pane(self):
        from .case import CasePane

        return next(self.query("#case-pane").results(CasePane), None)

    def action_case(self) -> None:
        """F9: the keyboard to the case summary and back. Narrow, the case shows in place of the tabs."""
        pane = self.case_pane
        if pane is None:
            return
        if self.has_class("-case") or (self.focused is not None and pane in self.focused.ancestors):
            self.remove_class("-case")
            self.set_focus(None)
            tabs = self.query_one("#pod-tabs", TabbedContent)
            if tabs.active == "tab-map":
                self.call_after_refresh(self._keyboard_to_map)
            else:
                pane_id = tabs.active.removeprefix("tab-")
                if self.plan.stages and WORK_TABS.get(self.stage.work) == pane_id:
                    self.call_after_refresh(self._focus_work, pane_id, self.stage.work, self.stage_index)
        else:
            self.add_class("-case")
            pane.take_keys()

    def _keys_in_case(self) -> bool:
        pane = self.case_pane if self.attempt is not None else None
        return pane is not None and self.focused is not None and pane in self.focused.ancestors

    async def map_shows_placed(self, section: str, index: int) -> None:
        """A sentence of the case was placed on the map: the map shows it, its cursor on it."""
        panel = self._panels.get("map")
        if isinstance(panel, MapPanel):
            panel.drawn = self.session.version
            await panel.redraw(section)
            panel.move_to(section, index, focus=False)

    def action_finish(self) -> None:
        from .runner import FinishScreen

        self.tick()
        if self.attempt is not None:
            self._finish_attempt()
            return

        def done(finish: bool | None) -> None:
            if finish:
                if self.stage_clock is not None:
                    self.stage_clock.pause()
                self.session.finish()
                self.mark_dirty()
                self.save_now()
                self._refresh_stage_header()
                self.notify("Pod finished and saved. It is marked complete.")

        self.app.push_screen(FinishScreen(missing_before_finish(self.pod)), done)

    def _finish_attempt(self) -> None:
        """An attempt is finished by comparing it with the model: first what the checker still finds."""
        from .compare import CompareScreen, DoneScreen
        from .practice_view import still_to_fix

        def done(compare: bool | None) -> None:
            if not compare:
                return
            if self.scenario is None:
                self.notify("This attempt's case is no longer among the practice cases, so there is no model answer to compare with.", severity="warning")
                return
            self.save_now()
            self.app.push_screen(CompareScreen(self.pod_id, self.pod, self.scenario, self.team))

        found = still_to_fix(self.pod, self.team.checker_words(), self.team.label)
        self.app.push_screen(DoneScreen(found), done)

    def panels(self) -> Iterable[PodPanel]:
        return self.query(PodPanel)

    # ------------------------------------------------------------ saving

    def mark_dirty(self) -> None:
        was_dirty = self._dirty
        self._dirty = True
        if not was_dirty:  # the bar changes once per save, not on every keystroke
            for indicator in self.query(SaveIndicator):
                indicator.show_unsaved()
        heading = pod_heading(self.pod)
        if heading != self._heading:
            self._heading = heading
            for widget in self.query("#pod-heading").results(Static):
                widget.update(heading)
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        self._save_timer = None
        self.save_in_background()

    # Another copy of gq-pods may hold this pod too (a team database, two windows). The pod is
    # written only over the version this copy read; when another copy saved first, its changes
    # are merged in (gq_pods.merge) and the pod saved again, and a true clash asks the person.

    def save_in_background(self) -> None:
        """Write the pod off the UI thread, if anything changed: a held lock never freezes typing."""
        if not self._dirty or self._gone or self._waiting is not None or self.app.repository is None:
            return
        if self._saving:
            self._save_again = True
            return
        self._saving = True
        self._save_worker(*self.session.to_save())

    @work(thread=True, exclusive=True, group="pod-save", exit_on_error=False)
    def _save_worker(self, pod: Pod, change: int, expected: int | None) -> None:
        outcome = self._write(pod, change, expected)
        try:
            self.app.call_from_thread(self._saved, pod, change, outcome, True)
        except RuntimeError:  # the app is closing; quitting saves again, on its own thread
            pass

    def _write(self, pod: Pod, change: int, expected: int | None) -> tuple:
        """Save ``pod`` over version ``expected``; say what happened: ("saved", version),
        ("changed", their pod, its version), ("gone",) or ("failed", error). Any thread."""
        from storage.errors import PodChanged, PodNotFound

        repo = self.app.repository
        if repo is None:
            return ("failed", None)
        with self._store_lock:
            try:
                version = repo.save_pod(pod, expected)
                self._last_write = (pod, change, version)
                return ("saved", version)
            except PodChanged:
                try:
                    return ("changed", *repo.read_pod(pod.id))
                except PodNotFound:
                    return ("gone",)
                except Exception as error:  # noqa: BLE001 - shown as a plain message
                    return ("failed", error)
            except PodNotFound:
                return ("gone",)
            except Exception as error:  # noqa: BLE001 - shown as a plain message
                return ("failed", error)

    def _own_write_known(self) -> None:
        """The session learns of this copy's last write now, even if the background save's
        answer is still on its way: a pod this copy wrote is never merged in as another's."""
        with self._store_lock:  # a background save under way finishes first
            last = self._last_write
        if last is not None:
            self.session.stored(*last)

    def _saved(self, pod: Pod, change: int, outcome: tuple, from_worker: bool = False) -> bool:
        """What a save found, on the UI thread. True when everything is saved."""
        if from_worker:
            self._saving = False
        self._own_write_known()
        kind = outcome[0]
        if kind == "changed" and from_worker and self._typing():
            # Another copy saved first. Merging now would redraw and close the box being
            # typed in, so the merge (and this save) wait until the keyboard leaves it.
            self._waiting = (outcome[1], outcome[2])
            self.set_timer(0.3, self._take_in_when_free)
            return False
        if kind == "saved":
            self.session.stored(pod, change, outcome[1])
            self._dirty = self._dirty and self.session.dirty
            if not self._dirty:
                self.saved_at = self.app.wall_clock()
                for indicator in self.query(SaveIndicator):
                    indicator.show_saved(self.saved_at)
        elif kind == "changed":
            self._take_in(outcome[1], outcome[2])
        elif kind == "gone":
            self._pod_gone()
        else:
            self._save_failed(outcome[1])
        if self._dirty and kind in ("saved", "changed") and (from_worker or self._save_again):
            self._save_again = False
            self.save_in_background()
        return kind == "saved" and not self._dirty

    def _save_failed(self, error: BaseException | None) -> None:
        from gq_pods import crashlog
        from storage.errors import DatabaseBusy, StorageError

        if error is not None:
            crashlog.write(error)
        for indicator in self.query(SaveIndicator):
            indicator.show_failed()
        said = str(error) if isinstance(error, StorageError) and not isinstance(error, DatabaseBusy) else ""
        self.notify(
            "Your last change could not be saved yet. gq-pods will keep trying; do not close it yet."
            + (f"\n{said}" if said else ""),
            severity="error",
            title="Not saved",
        )
        if self._save_timer is None:
            self._save_timer = self.set_timer(2.0, self._autosave)

    def _take_in(self, theirs: Pod, version: int) -> list:
        """Another copy saved this pod: merge its changes in, show them, and ask about clashes."""
        from gq_pods.session import UndoStep

        clashes = self.session.take_in(theirs, version)
        self._dirty = self.session.dirty
        if not self._dirty:  # nothing of this copy's to write: what is shown is what is stored
            for indicator in self.query(SaveIndicator):
                indicator.show_saved(self.saved_at or self.app.wall_clock())
        for panel in self.panels():
            panel.drawn = self.session.version
            panel.undone(UndoStep("Changes saved in another copy", None))
        self._heading = pod_heading(self.pod)
        for widget in self.query("#pod-heading").results(Static):
            widget.update(self._heading)
        self._refresh_stage_header()
        if clashes:
            from .clash import ClashScreen

            self._clashes_open += 1
            self.app.push_screen(ClashScreen(clashes), self._clashes_chosen)
        else:
            self.notify("Changes saved in another copy of gq-pods were added here.", timeout=4)
        return clashes

    def _typing(self) -> bool:
        """Whether the keyboard is in a text box on this screen."""
        from textual.widgets import Input, TextArea

        return self.app.screen is self and isinstance(self.focused, (Input, TextArea))

    def _take_in_when_free(self) -> None:
        if self._waiting is None:
            return
        if self._typing():
            self.set_timer(0.3, self._take_in_when_free)
            return
        theirs, version = self._waiting
        self._waiting = None
        self._take_in(theirs, version)
        self.save_in_background()

    def _clashes_chosen(self, choices: list | None) -> None:
        self._clashes_open -= 1
        if choices:
            self.session.choose(choices)
            for panel in self.panels():
                panel.drawn = self.session.version
                panel.show_pod()

    def _check_for_changes(self) -> None:
        """While nothing waits to be saved, look (cheaply) whether another copy saved the pod."""
        if self._dirty or self._saving or self._checking or self._gone or self.app.repository is None:
            return
        if self.session.base_version is None or self._waiting is not None or self._typing():
            return  # a redraw now would close the box the person is typing in
        self._checking = True
        self._check_worker(self.pod_id, self.session.base_version)

    @work(thread=True, exclusive=True, group="pod-check", exit_on_error=False)
    def _check_worker(self, pod_id: int, known: int) -> None:
        from storage.errors import PodNotFound

        outcome: tuple | None = None
        repo = self.app.repository
        try:
            if repo is not None and repo.pod_version(pod_id) != known:
                outcome = ("changed", *repo.read_pod(pod_id))
        except PodNotFound:
            outcome = ("gone",)
        except Exception:  # noqa: BLE001 - a busy database: look again next time
            outcome = None
        try:
            self.app.call_from_thread(self._checked, pod_id, outcome)
        except RuntimeError:
            pass

    def _checked(self, pod_id: int, outcome: tuple | None) -> None:
        self._checking = False
        self._own_write_known()
        if outcome is None or pod_id != self.pod_id or self._gone:
            return
        if outcome[0] == "changed" and self.session.base_version is not None and outcome[2] <= self.session.base_version:
            return  # this copy's own save, found by the look
        if outcome[0] == "gone":
            self._pod_gone()
        elif self._typing() or self._dirty:  # the person started typing while the look was under way
            if self._waiting is None or outcome[2] > self._waiting[1]:
                self._waiting = (outcome[1], outcome[2])
                self.set_timer(0.3, self._take_in_when_free)
        else:
            self._take_in(outcome[1], outcome[2])
            self.save_in_background()

    def _pod_gone(self) -> None:
        """Another copy deleted this pod: say so plainly, and offer to keep this copy's work."""
        if self._gone:
            return
        self._gone = True
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        for indicator in self.query(SaveIndicator):
            indicator.set_classes("-failed")
            indicator.update(Content("Deleted in another copy"))
        from .clash import DeletedElsewhereScreen

        def answer(keep: bool | None) -> None:
            if keep is False:
                self._dirty = False  # the person let it go
                self.dismiss()
            else:
                self._keep_as_new_pod()

        self.app.push_screen(DeletedElsewhereScreen(), answer)

    def _keep_as_new_pod(self) -> bool:
        """Store this copy's work as a new pod (the old one was deleted elsewhere). True when stored."""
        repo = self.app.repository
        if repo is None:
            return False
        from storage.repository import FIRST_VERSION

        pod, change, _ = self.session.to_save()
        pod.id = None
        try:
            with self._store_lock:
                repo.add_pod(pod)
        except Exception as error:  # noqa: BLE001 - shown as a plain message
            self._save_failed(error)
            return False
        self.session.stored_as_new(pod, change, FIRST_VERSION)
        assert pod.id is not None
        self.pod_id = pod.id
        self._gone = False
        self._dirty = self.session.dirty
        self.saved_at = self.app.wall_clock()
        for indicator in self.query(SaveIndicator):
            indicator.show_saved(self.saved_at)
        self.notify("Your work is saved as a new pod. It is in the pods list.", title="Saved as a new pod")
        return True

    def _no_clash_open(self) -> bool:
        if self._clashes_open:
            self.notify(
                "Your work is saved, with your text where the two copies clash. Choose between the "
                "two texts first, or the other copy's text there is not kept.",
                severity="warning",
                title="Two texts to choose from",
            )
        return not self._clashes_open

    def save_now(self) -> bool:
        """Write the pod now, waiting for the database (leaving, quitting). True when everything is saved.

        Another copy's changes are merged in first; a pod deleted elsewhere is kept as a new pod,
        so quitting never loses this copy's work."""
        if self._gone:
            return not self._dirty or self._keep_as_new_pod()
        if self._waiting is not None:
            self._take_in(*self._waiting)
            self._waiting = None
        if not self._dirty:
            return self._no_clash_open()
        for _ in range(5):
            self._own_write_known()
            pod, change, expected = self.session.to_save()
            outcome = self._write(pod, change, expected)
            if self._saved(pod, change, outcome):
                # Saved; but a clash not yet chosen keeps the app open (quitting asks again).
                return self._no_clash_open()
            if outcome[0] != "changed":  # failed, or deleted elsewhere
                return not self._dirty
        return False

    @property
    def dirty(self) -> bool:
        return self._dirty

    # ------------------------------------------------------------ undo

    def action_undo(self) -> None:
        step = self.session.undo()
        if step is None:
            self.notify("Nothing to undo.")
            return
        for panel in self.panels():
            panel.drawn = self.session.version
            panel.undone(step)
        self.notify(f"Undone: {step.label}", markup=False)

    # ------------------------------------------------------------ actions

    def action_save(self) -> None:
        self._dirty = True
        if self.save_now():
            self.notify("Saved.")

    def action_back(self) -> None:
        if self.presenting:
            self.action_presentation()
            return
        self.leave()

    def leave(self) -> bool:
        """Stop the clock, save, and close the pod; False (and the pod stays open) if it did not save."""
        self.tick()
        if self.stage_clock is not None and self.stage_clock.running:
            self.stage_clock.pause()
            self._dirty = True
        if not self.save_now():
            return False
        self.dismiss()
        return True

    def action_presentation(self) -> None:
        """Presentation mode for the shared screen: chrome hidden, the current part large."""
        presenting = not self.has_class("-presenting")
        self.set_class(presenting, "-presenting")
        for panel in self.panels():
            panel.presentation_changed(presenting)
        if presenting:
            self.notify("Presentation mode. F5 or escape to leave it.", timeout=3)

    @property
    def presenting(self) -> bool:
        return self.has_class("-presenting")

    def show_tab(self, pane_id: str) -> None:
        """Show a tab (building it on its first showing)."""
        tabs = self.query_one("#pod-tabs", TabbedContent)
        target = pane_id if pane_id.startswith("tab-") else f"tab-{pane_id}"
        self.build_tab(target.removeprefix("tab-"))
        if tabs.active != target:
            # Let go of the keyboard first: when a focused box is hidden, Textual hands the
            # focus to its neighbour in the same (hidden) tab, which drags that tab back.
            self.set_focus(None)
            tabs.active = target

    def action_export(self) -> None:
        from .export import ExportScreen

        self.save_now()
        scenario = self.attempt.scenario_title if self.attempt is not None else None
        # A follow-up pod's record says what changed since the last pod: it needs the pods before.
        chain = [*self.earlier, self.pod] if self.earlier else None
        self.app.push_screen(ExportScreen(
            self.pod, self.team.labels, practice_scenario=scenario, chain=chain, story_stages=self.plan.story_keys,
        ))

    # ------------------------------------------------------------ following up the case

    @work(thread=True, exclusive=True, group="pod-earlier", exit_on_error=False)
    def _read_earlier(self, pod_id: int, ask: bool = False) -> None:
        """Read the pods before this one in its chain (for last time's scores and steps)."""
        repo = self.app.repository
        try:
            chain = repo.chain(pod_id) if repo is not None else []
        except Exception as error:  # noqa: BLE001 - said plainly; the pod itself is open and saving
            from gq_pods import crashlog

            crashlog.write(error)
            chain = None
        try:
            self.app.call_from_thread(self._earlier_read, chain, ask)
        except RuntimeError:  # the app is closing
            pass

    def _earlier_read(self, chain: list[Pod] | None, ask: bool) -> None:
        if chain is None:
            self.notify("Last time's pod could not be read, so its scores and steps are not shown.", severity="warning")
            return
        ids = [pod.id for pod in chain]
        self.earlier = chain[: ids.index(self.pod_id)] if self.pod_id in ids else []
        self.previous = next((pod for pod in self.earlier if pod.id == self.pod.follows), None)
        scaling_panel = self._panels.get("scaling")
        if isinstance(scaling_panel, ScalingPanel):
            scaling_panel.show_pod()
        # Asked as the pod opens (a finished pod is not asked again; ctrl+l still asks).
        if ask and self.previous is not None and self.app.screen is self and self.pod.status != "complete":
            from gq_pods.followup import steps_to_ask

            if steps_to_ask(self.previous):
                self.action_last_steps()

    def action_last_steps(self) -> None:
        """Ask about each next step from last time: done, not done (why) or no longer needed."""
        from gq_pods.followup import steps_to_ask

        from .followup import StepsDialog

        previous = self.previous
        if previous is None:
            if self.pod.follows is None:
                self.notify("This pod does not follow up an earlier pod, so there are no steps from last time.")
            else:
                self.notify("Last time's pod is still being read. Try again in a moment.")
            return
        steps = steps_to_ask(previous)
        if not steps:
            self.notify("Every next step from last time has an answer.")
            return

        def answered(answers: list | None) -> None:
            if not answers:  # escape, or saved with every step left to answer later
                self.notify("Last time's steps are left for later: ctrl+l asks again.", timeout=4)
            else:
                assert previous.id is not None
                self._save_outcomes(previous.id, answers, self.app.wall_clock().date())

        self.app.push_screen(StepsDialog(previous, steps), answered)

    @work(thread=True, exclusive=True, group="pod-outcomes", exit_on_error=False)
    def _save_outcomes(self, previous_id: int, answers: list, today: dt.date) -> None:
        """Write each answer on last time's pod (its own version check), then read it again."""
        from storage.errors import StorageError

        repo = self.app.repository
        saved, problem = 0, ""
        try:
            if repo is None:
                raise RuntimeError("no database")
            for answer in answers:
                repo.set_step_outcome(
                    previous_id, answer.index, answer.outcome, answer.reason, answer.by, today, text=answer.text
                )
                saved += 1
        except Exception as error:  # noqa: BLE001 - said plainly
            from gq_pods import crashlog

            crashlog.write(error)
            from gq_pods.steps import OutcomeRefused

            said = isinstance(error, (StorageError, OutcomeRefused))
            problem = str(error) if said else "It could not be written to the database."
        try:
            self.app.call_from_thread(self._outcomes_saved, saved, len(answers), problem)
        except RuntimeError:
            pass

    def _outcomes_saved(self, saved: int, asked: int, problem: str) -> None:
        if problem:
            self.notify(
                f"{saved} of {asked} answers about last time's steps were saved. {problem}",
                severity="error",
                title="Not all saved",
            )
        else:
            self.notify(f"Saved: {saved} answer{'s' if saved != 1 else ''} about last time's steps.")
        self._read_earlier(self.pod_id)

    def _case_name(self) -> str:
        return self.pod.case_reference or self.pod.title or "this case"

    def action_follow_up(self) -> None:
        """Start a follow-up pod for this case (asks first), then open it."""
        from .followup import start_follow_up

        if not self.save_now():
            self.notify("This pod is not saved yet, so a follow-up cannot start from it. Try again in a moment.", severity="warning")
            return

        def opened(new_id: int) -> None:
            self.leave()
            self.app.call_after_refresh(self.app.open_pod, new_id)

        start_follow_up(self, self.pod_id, self._case_name(), opened)

    def action_case_over_time(self) -> None:
        """The case's scales at each of its pods, and what moved."""
        from .case_view import CaseScreen

        self.save_now()
        self.app.push_screen(CaseScreen(self.pod_id, self._case_name()))

    def screen_commands(self) -> list[SystemCommand]:
        following = []
        if self.attempt is None:  # an attempt is practice on a fictional case: nothing to follow up
            if self.pod.follows is not None:
                following.append(
                    SystemCommand(
                        "Last time's next steps", "Done, not done or no longer needed? (ctrl+l)", self.action_last_steps
                    )
                )
            following += [
                SystemCommand("Follow up this case", "Start a follow-up pod for the same case (ctrl+t)", self.action_follow_up),
                SystemCommand(
                    "The case over time",
                    "Each scale at each pod of this case, and what moved (ctrl+o)",
                    self.action_case_over_time,
                ),
            ]
        return [
            *following,
            SystemCommand("Next stage", "Move on to the next stage (F8)", self.action_next_stage),
            SystemCommand("Previous stage", "Go back a stage (F7)", self.action_previous_stage),
            SystemCommand("Go to stage", "Jump to any stage (F3)", self.action_pick_stage),
            SystemCommand("Pause or start the timer", "The stage timer (F6)", self.action_toggle_timer),
            SystemCommand("Finish pod", "List what is missing, then mark the pod complete (ctrl+f)", self.action_finish),
            SystemCommand("Export", "Write the pod record to a file (ctrl+e)", self.action_export),
            SystemCommand("Save now", "Write this pod to the database now", self.action_save),
            SystemCommand("Presentation mode", "Chrome hidden, the current part large (F5)", self.action_presentation),
        ]
