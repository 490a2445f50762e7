"""A small sampling profiler that sees every thread (AppTest runs the script in its own).

cProfile only watches the thread that starts it; Streamlit runs the app script in
a worker thread. This samples ``sys._current_frames()`` every few milliseconds and
counts, per function, the samples where it is on the stack (inclusive) or on top
(self). Good enough to say which function a slow run spends its time in.

    sampler = Sampler()
    for _ in range(5):
        with sampler:  # several runs add up
            at.run()
    print(sampler.report(root=ROOT))
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path
from types import FrameType, TracebackType

Key = tuple[str, int, str]  # file, first line, function name


class Sampler:
    """Context manager: sample all other threads' stacks every ``interval`` seconds."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.samples = 0
        self.elapsed = 0.0
        self.inclusive: Counter[Key] = Counter()
        self.own: Counter[Key] = Counter()
        self._stop = threading.Event()
        self._started = 0.0

    def __enter__(self) -> Sampler:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)
        self._started = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        self.elapsed += time.perf_counter() - self._started

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.interval):
            for ident, frame in sys._current_frames().items():
                if ident != me:
                    self._record(frame)
            self.samples += 1

    def _record(self, frame: FrameType | None) -> None:
        seen: set[Key] = set()
        top = True
        while frame is not None:
            code = frame.f_code
            key = (code.co_filename, code.co_firstlineno, code.co_name)
            if top:
                self.own[key] += 1
                top = False
            if key not in seen:
                self.inclusive[key] += 1
                seen.add(key)
            frame = frame.f_back

    def seconds(self, count: int) -> float:
        """Samples as wall-clock seconds: the share of ticks, times the time sampled.

        Can be entered more than once (several runs add up)."""
        return count / self.samples * self.elapsed if self.samples else 0.0

    def top(
        self,
        *,
        root: Path | None = None,
        exclude: Path | None = None,
        limit: int = 15,
        per: int = 1,
    ) -> list[dict[str, object]]:
        """The functions with the most inclusive time; only files under ``root`` if given,
        none under ``exclude``. Times are divided by ``per`` (say, the runs sampled)."""
        rows: list[dict[str, object]] = []
        for (filename, line, name), count in self.inclusive.most_common():
            if root is not None and not _under(filename, root):
                continue
            if exclude is not None and Path(filename).is_relative_to(exclude):
                continue
            rows.append(
                {
                    "function": f"{_short(filename, root)}:{line}({name})",
                    "inclusive_s": round(self.seconds(count) / per, 4),
                    "self_s": round(self.seconds(self.own[(filename, line, name)]) / per, 4),
                }
            )
            if len(rows) == limit:
                break
        return rows

    def report(self, *, root: Path | None = None, limit: int = 15) -> str:
        lines = [f"{'inclusive s':>11} {'self s':>8}  function"]
        lines += [
            f"{row['inclusive_s']:>11} {row['self_s']:>8}  {row['function']}"
            for row in self.top(root=root, limit=limit)
        ]
        return "\n".join(lines)


def _under(filename: str, root: Path) -> bool:
    path = Path(filename)
    return path.is_relative_to(root) and ".venv" not in path.parts


def _short(filename: str, root: Path | None) -> str:
    path = Path(filename)
    if root is not None and path.is_relative_to(root):
        return str(path.relative_to(root))
    return path.name
