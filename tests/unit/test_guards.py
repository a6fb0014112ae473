"""The small guards without a server: the failure throttle, progress lines, settings errors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from reportqa.config import Settings, describe_settings_error
from reportqa.index.progress import LogProgress
from reportqa.serve.http.throttle import FailureThrottle


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_the_throttle_counts_failures_in_a_sliding_window():
    clock = Clock()
    th = FailureThrottle(allowed=3, window=60, clock=clock)
    for _ in range(3):
        assert th.retry_after("a") == 0
        th.failed("a")
        clock.t += 1
    assert th.retry_after("a") == pytest.approx(57)  # the first failure leaves at t+60
    assert th.retry_after("b") == 0  # per client
    clock.t += 57
    assert th.retry_after("a") == 0


def test_the_throttle_forgets_the_least_recent_clients_beyond_its_bound():
    th = FailureThrottle(allowed=1, window=60, tracked=2, clock=Clock())
    for client in ("a", "b", "c"):
        th.failed(client)
    assert th.retry_after("a") == 0  # forgotten: memory stays bounded
    assert th.retry_after("b") > 0 and th.retry_after("c") > 0


def test_log_progress_writes_lines_every_few_seconds_not_every_batch():
    clock, lines = Clock(), []
    p = LogProgress(lines.append, every=10, clock=clock)
    p.start("embedding", 1000)
    for _ in range(100):
        clock.t += 0.5  # 50 s of work in 100 batches of 10
        p.advance("embedding", 10)
    p.done("embedding")
    assert lines[0] == "embedding passages: 0/1000"
    assert 4 <= len(lines) - 2 <= 5  # one line per 10 s, not 100
    assert "(20 %), 10 s, about 40 s left" in lines[1]
    assert lines[-1].startswith("embedding passages: 1000/1000 (100 %)")
    assert lines[-1].endswith("done")


def test_settings_errors_name_the_variable_value_and_allowed_values():
    with pytest.raises(ValidationError) as err:
        Settings(_env_file=None, port="abc", batch_size=0, dense_weight=5, log_level="loud")
    line = describe_settings_error(err.value)
    assert "\n" not in line
    assert "REPORTQA_PORT='abc' is not valid: it must be a whole number, at least 0 and at " \
           "most 65535" in line
    assert "REPORTQA_BATCH_SIZE=0 is not valid" in line
    assert "REPORTQA_DENSE_WEIGHT=5 is not valid: it must be a number, at least 0 and at " \
           "most 1" in line
    assert "REPORTQA_LOG_LEVEL='LOUD' is not valid: it must be one of DEBUG, INFO" in line
