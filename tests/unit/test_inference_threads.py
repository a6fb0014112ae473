"""The inference threads of the HTTP server: which torch thread count a lone question uses
(ThreadCountChooser) and which thread runs a question (InferenceThreads)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from reportqa.serve.http.inference import InferenceThreads, OtherLoad, ThreadCountChooser
from reportqa.serve.http.state import lone_thread_counts


def feed(chooser: ThreadCountChooser, times: dict[int, float], questions: int) -> list[int]:
    """Run `questions` lone questions whose time depends only on the count; the counts used."""
    used = []
    for _ in range(questions):
        n = chooser.choose()
        chooser.record(n, times[n])
        used.append(n)
    return used


def test_each_count_is_timed_first_then_the_faster_is_used():
    chooser = ThreadCountChooser((1, 2), min_samples=2, explore_min=8, explore_max=8)
    used = feed(chooser, {1: 0.040, 2: 0.020}, 4)
    assert sorted(used) == [1, 1, 2, 2]
    assert chooser.best() == 2
    assert feed(chooser, {1: 0.040, 2: 0.020}, 7) == [2] * 7


def test_the_losing_count_is_retried_at_an_interval():
    chooser = ThreadCountChooser((1, 2), min_samples=2, budget=1.0, explore_min=5,
                                 explore_max=5)
    feed(chooser, {1: 0.040, 2: 0.020}, 4)
    used = feed(chooser, {1: 0.040, 2: 0.020}, 20)
    assert used.count(1) == 4 and all(n == 1 for n in used[4::5])


def test_a_count_much_slower_is_retried_rarely_and_a_slight_loser_often():
    much = ThreadCountChooser((1, 2), budget=0.05, explore_min=8, explore_max=400)
    feed(much, {1: 0.040, 2: 0.250}, 10)
    # (0.250 - 0.040) / (0.05 x 0.040) = 105 questions between tries.
    assert much.interval() == 105
    slight = ThreadCountChooser((1, 2), budget=0.05, explore_min=8, explore_max=400)
    feed(slight, {1: 0.024, 2: 0.022}, 10)
    assert slight.interval() == 8
    huge = ThreadCountChooser((1, 2), budget=0.05, explore_min=8, explore_max=400)
    feed(huge, {1: 0.040, 2: 5.0}, 10)
    assert huge.interval() == 400


def test_the_choice_follows_the_machine_when_the_loser_becomes_faster():
    """Two threads slow (a count that does not pay here), then faster: a try that wins
    brings the next try near, and two threads take over within a few short intervals."""
    chooser = ThreadCountChooser((1, 2), budget=0.05, explore_min=8, explore_max=400)
    feed(chooser, {1: 0.040, 2: 0.250}, 200)
    assert chooser.current == 1
    current = []
    for _ in range(400):
        feed(chooser, {1: 0.024, 2: 0.020}, 1)
        current.append(chooser.current)
    assert current[-1] == 2
    # The next try comes after (0.250 - 0.040) / (0.05 x 0.040) = 105 questions, the two
    # more wins that move the median 8 questions apart each.
    assert current.index(2) <= 105 + 2 * 8 + 1
    assert current[current.index(2):].count(1) == 0


def test_the_best_count_slowing_down_is_noticed_without_tries():
    chooser = ThreadCountChooser((1, 2), window=5, explore_min=8, explore_max=400)
    feed(chooser, {1: 0.024, 2: 0.020}, 20)
    assert chooser.best() == 2
    used = feed(chooser, {1: 0.040, 2: 0.250}, 6)
    assert chooser.best() == 1 and used[-1] == 1


def test_one_outlier_does_not_flip_the_choice():
    chooser = ThreadCountChooser((1, 2), window=5, explore_min=8, explore_max=8)
    feed(chooser, {1: 0.040, 2: 0.020}, 10)
    chooser.record(2, 1.0)  # a GC pause, a neighbour's burst
    assert chooser.best() == 2


def test_counts_that_other_processes_leave_no_room_for_are_not_used_nor_tried():
    """Another process computing on one of two cores: two threads would be 5-50x slower, so
    they are neither used nor tried, and their old times are forgotten; once the core is
    free again they are timed afresh and used if faster."""
    others: list[float | None] = [0.0]
    chooser = ThreadCountChooser((1, 2), explore_min=8, explore_max=8, cores=2,
                                 load=lambda: others[0])
    feed(chooser, {1: 0.024, 2: 0.020}, 20)
    assert chooser.current == 2
    others[0] = 1.0
    assert feed(chooser, {1: 0.040, 2: 1.2}, 100) == [1] * 100
    assert chooser.medians()[2] is None and chooser.current == 1
    others[0] = 0.1  # a client on the same machine: two threads still fit
    used = feed(chooser, {1: 0.024, 2: 0.020}, 20)
    assert used[:2] == [2, 2] and chooser.current == 2
    others[0] = None  # no /proc/stat: every count fits
    assert chooser.fitting() == [1, 2]


def test_other_load_is_the_machines_busy_time_less_this_process(tmp_path, monkeypatch):
    stat = tmp_path / "stat"
    ticks = {"busy": 0}

    def write() -> None:  # user nice system idle iowait irq softirq steal, in 1/100 s
        stat.write_text(f"cpu  {ticks['busy']} 0 0 5000 0 0 0 0 0 0\ncpu0 1 2 3\n")

    clock = {"wall": 100.0, "own": 10.0}
    monkeypatch.setattr("time.monotonic", lambda: clock["wall"])
    monkeypatch.setattr("time.process_time", lambda: clock["own"])
    write()
    load = OtherLoad(window=1.0, stat_path=stat)
    load._tick = 100
    assert load() is None  # the first reading only starts a span
    clock["wall"] += 2.0
    clock["own"] += 1.0  # this process: one core for 2 s of ...
    ticks["busy"] += 300  # ... 3 busy seconds on the machine
    write()
    assert load() == pytest.approx(1.0)  # others: one core
    clock["wall"] += 0.5
    ticks["busy"] += 100
    write()
    assert load() == pytest.approx(1.0)  # within the window: the last span's figure
    assert OtherLoad(stat_path=tmp_path / "missing")() is None


def test_a_single_count_is_always_used():
    chooser = ThreadCountChooser((3, 3))
    assert chooser.counts == (3,)
    assert feed(chooser, {3: 0.01}, 30) == [3] * 30
    with pytest.raises(ValueError):
        ThreadCountChooser(())
    with pytest.raises(ValueError):
        ThreadCountChooser((0, 2))


def test_lone_thread_counts_follow_reportqa_threads(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert lone_thread_counts(0) == (1, 4)
    assert lone_thread_counts(3) == (3,)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert lone_thread_counts(0) == (1,)


def _probe(entered: threading.Event | None = None, release: threading.Event | None = None
           ) -> tuple[str, int]:
    """The thread that ran it and torch's thread count there."""
    import torch

    if entered is not None and release is not None:
        entered.set()
        release.wait(10)
    return threading.current_thread().name, torch.get_num_threads()


def test_a_lone_question_runs_on_the_lone_thread_and_others_beside_it():
    threads = InferenceThreads(workers=2, lone_counts=(2,), shared_threads=1)

    async def scenario() -> tuple[tuple[str, int], tuple[str, int], tuple[str, int]]:
        entered, release = threading.Event(), threading.Event()
        first = asyncio.ensure_future(threads.run(_probe, entered, release))
        await asyncio.to_thread(entered.wait, 10)
        second = await threads.run(_probe)  # arrives while the first runs
        release.set()
        return await first, second, await threads.run(_probe)  # alone again

    try:
        first, second, third = asyncio.run(scenario())
    finally:
        threads.shutdown()
    assert first == ("reportqa-lone_0", 2) and third == ("reportqa-lone_0", 2)
    assert second[0].startswith("reportqa-inference") and second[1] == 1
    assert len(threads.chooser._times[2]) == 2


def test_a_cancelled_request_still_holds_its_thread_until_its_question_ends():
    """The next question must not queue behind an abandoned one on the lone thread."""
    threads = InferenceThreads(workers=2, lone_counts=(1,))

    async def scenario() -> str:
        entered, release = threading.Event(), threading.Event()
        abandoned = asyncio.ensure_future(threads.run(_probe, entered, release))
        await asyncio.to_thread(entered.wait, 10)
        abandoned.cancel()  # the client went away; the question still computes
        name, _ = await asyncio.wait_for(threads.run(_probe), 10)
        release.set()
        return name

    try:
        assert asyncio.run(scenario()).startswith("reportqa-inference")
    finally:
        threads.shutdown()


def test_errors_reach_the_caller_and_are_not_timed():
    threads = InferenceThreads(workers=1, lone_counts=(1, 2))

    def fail() -> None:
        raise KeyError("no such document")

    async def scenario() -> None:
        with pytest.raises(KeyError):
            await threads.run(fail)
        assert await threads.run(lambda: 7) == 7

    try:
        asyncio.run(scenario())
    finally:
        threads.shutdown()
    assert sum(len(t) for t in threads.chooser._times.values()) == 1
    assert threads._running == 0


def test_a_threads_count_survives_another_thread_setting_its_own_first():
    """torch gives a thread, on its first use, the count last set on any thread; use_threads
    must not be undone by that (a one-thread worker would otherwise run with two)."""
    import torch

    from reportqa.model.embedder import use_threads

    a_set, b_set = threading.Event(), threading.Event()
    seen: dict[str, int] = {}

    def a() -> None:
        use_threads(1)
        a_set.set()
        b_set.wait(10)
        seen["a"] = torch.get_num_threads()

    def b() -> None:
        a_set.wait(10)
        use_threads(2)
        b_set.set()
        seen["b"] = torch.get_num_threads()

    workers = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(10)
    assert seen == {"a": 1, "b": 2}


def test_a_count_changed_behind_torchs_back_is_set_again():
    """faiss.omp_set_num_threads (called on every query) sets the OpenMP count torch uses on
    that thread: the next use_threads must see it and set torch's count again."""
    import faiss
    import torch

    from reportqa.model.embedder import use_threads

    def run() -> tuple[int, int]:
        use_threads(2)
        faiss.omp_set_num_threads(1)  # as index/vectors.search_vectors does
        clobbered = torch.get_num_threads()
        use_threads(2)
        return clobbered, torch.get_num_threads()

    seen: dict[str, tuple[int, int]] = {}
    t = threading.Thread(target=lambda: seen.update(counts=run()))
    t.start()
    t.join(10)
    assert seen["counts"] == (1, 2)


def test_going_back_to_one_thread_also_resets_torchs_other_count(monkeypatch):
    """After faiss set OpenMP's count to 1 on a thread torch had set to 2, asking for 1 must
    still call torch (MKL's count, set beside OpenMP's, is still 2)."""
    import faiss
    import torch

    from reportqa.model.embedder import use_threads

    calls: list[int] = []

    def run() -> None:
        use_threads(2)
        faiss.omp_set_num_threads(1)
        real = torch.set_num_threads
        monkeypatch.setattr(torch, "set_num_threads", lambda n: (calls.append(n), real(n)))
        use_threads(1)
        use_threads(1)  # unchanged now: torch is not called again

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert calls == [1]
