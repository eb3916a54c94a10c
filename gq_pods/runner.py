"""Running a pod: the stage clock, time per stage, and what is missing at the end.

Pure logic over the pod and a clock the caller gives (``time.monotonic`` in the
app, a fake one in tests), so the screens only draw what this decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .model import Pod, StageRecord
from .stages import Stage, StagePlan


def format_clock(seconds: float) -> str:
    """``mm:ss`` (or ``h:mm:ss`` past an hour) for a number of seconds, never negative."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def stage_record(pod: Pod, stage: Stage) -> StageRecord:
    """The pod's record of a stage, made (in plan order) if it is not there yet."""
    for record in pod.stages:
        if record.key == stage.key:
            if not record.title:
                record.title = stage.title
            return record
    record = StageRecord(key=stage.key, title=stage.title)
    pod.stages.append(record)
    return record


def order_records(pod: Pod, plan: StagePlan) -> None:
    """Keep stage records in the plan's order (stages the plan does not know go last)."""
    position = {stage.key: i for i, stage in enumerate(plan.stages)}
    pod.stages.sort(key=lambda r: position.get(r.key, len(position)))


def seconds_on(pod: Pod, key: str) -> int:
    return next((r.seconds_spent for r in pod.stages if r.key == key), 0)


def total_seconds(pod: Pod) -> int:
    return sum(r.seconds_spent for r in pod.stages)


@dataclass
class TimeLeft:
    seconds: int  # left on the stage's allowance; negative when over
    over: bool

    @property
    def words(self) -> str:
        if self.over:
            return f"{format_clock(-self.seconds)} over time"
        return f"{format_clock(self.seconds)} left"


def time_left(pod: Pod, stage: Stage) -> TimeLeft:
    left = stage.seconds - seconds_on(pod, stage.key)
    return TimeLeft(left, left < 0)


class StageClock:
    """Counts the time spent on the current stage while running.

    ``tick()`` adds the time since the last tick to the current stage's record
    and returns how many whole seconds it added; nothing is added while paused.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.running = False
        self._last = clock()
        self._carry = 0.0

    def start(self) -> None:
        if not self.running:
            self.running = True
            self._last = self.clock()

    def pause(self) -> None:
        if self.running:
            self.running = False

    def toggle(self) -> bool:
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def tick(self, record: StageRecord) -> int:
        now = self.clock()
        if not self.running:
            self._last = now
            return 0
        elapsed = max(0.0, now - self._last) + self._carry
        self._last = now
        whole = int(elapsed)
        self._carry = elapsed - whole
        record.seconds_spent += whole
        return whole


def missing_before_finish(pod: Pod) -> list[str]:
    """What a finished pod would still lack, in plain words. Never a block: a list to read."""
    missing: list[str] = []
    if not pod.focus_question.strip():
        missing.append("The focus question was not recorded.")
    if pod.reflection.focus_question_answered is None:
        missing.append("The focus question was not revisited: was it answered?")
    if not pod.danger_statements:
        missing.append("There is no danger statement.")
    for number, statement in enumerate(pod.danger_statements, start=1):
        goal = pod.goal_for(statement.id)
        if goal is None or not goal.text.strip():
            missing.append(f"Danger statement {number} has no safety goal.")
        if pod.scale_for(statement.id) is None or not pod.scale_for(statement.id).scores:
            missing.append(f"Danger statement {number} has no scale.")
    overall = pod.scale_for("overall")
    if overall is None or not overall.scores:
        missing.append("Nobody has scaled the situation yet.")
    for number, step in enumerate(pod.map.next_steps, start=1):
        if not step.owner.strip():
            missing.append(f"Next step {number} has no owner.")
    reflection = pod.reflection
    if not (reflection.most_useful.strip() or reflection.learning.strip() or reflection.pleased_with.strip()):
        missing.append("There is no reflection: what was useful, what did we learn?")
    return missing
