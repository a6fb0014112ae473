"""Prometheus metrics of the HTTP service: one registry per app, read at scrape time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class _IndexCollector:
    """Index version, documents and passages of the engine being served, when it is loaded."""

    def __init__(self, get_engine: Callable[[], Any]) -> None:
        self.get_engine = get_engine

    def describe(self) -> list[Metric]:
        return [GaugeMetricFamily("reportqa_ready", ""), InfoMetricFamily("reportqa_index", ""),
                GaugeMetricFamily("reportqa_index_passages", ""),
                GaugeMetricFamily("reportqa_index_documents", "")]

    def collect(self) -> Iterator[Metric]:
        engine = self.get_engine()
        ready = GaugeMetricFamily("reportqa_ready", "1 once the model and index are loaded")
        ready.add_metric([], 1.0 if engine is not None else 0.0)
        yield ready
        if engine is None:
            return
        served = engine.info()
        info = InfoMetricFamily("reportqa_index", "The index version being served")
        info.add_metric([], {"version": served.version, "model": served.model})
        yield info
        passages = GaugeMetricFamily("reportqa_index_passages", "Passages in the served index")
        passages.add_metric([], float(served.passages))
        yield passages
        docs = GaugeMetricFamily("reportqa_index_documents", "Documents in the served index")
        docs.add_metric([], float(len(served.documents)))
        yield docs


class _LoneQuestionCollector:
    """The torch thread count lone questions use now, and each count's recent median time
    (serve/http/inference.py), once the inference threads run."""

    def __init__(self, get_chooser: Callable[[], Any]) -> None:
        self.get_chooser = get_chooser

    def describe(self) -> list[Metric]:
        return [GaugeMetricFamily("reportqa_lone_question_threads", ""),
                GaugeMetricFamily("reportqa_lone_question_seconds", "")]

    def collect(self) -> Iterator[Metric]:
        chooser = self.get_chooser()
        if chooser is None:
            return
        threads = GaugeMetricFamily("reportqa_lone_question_threads",
                                    "torch threads a question that runs alone uses now")
        threads.add_metric([], float(chooser.current))
        yield threads
        seconds = GaugeMetricFamily("reportqa_lone_question_seconds",
                                    "Median of the recent lone questions' times, by threads",
                                    labels=["threads"])
        for n, median in chooser.medians().items():
            if median is not None:
                seconds.add_metric([str(n)], median)
        yield seconds


class Metrics:
    """Request counts and latencies by endpoint and status; answered vs declined questions;
    the thread count of lone questions."""

    def __init__(self, get_engine: Callable[[], Any],
                 get_chooser: Callable[[], Any] = lambda: None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "reportqa_http_requests", "HTTP requests by endpoint, method and status",
            ["endpoint", "method", "status"], registry=self.registry)
        self.latency = Histogram(
            "reportqa_http_request_duration_seconds", "HTTP request latency by endpoint",
            ["endpoint", "method"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.answers = Counter(
            "reportqa_answers", "Questions answered or declined (not in the report)",
            ["outcome"], registry=self.registry)
        for outcome in ("answered", "declined"):
            self.answers.labels(outcome)
        self.votes = Counter(
            "reportqa_feedback_votes", "Votes on answers (POST /feedback, the bot's buttons)",
            ["vote", "channel"], registry=self.registry)
        for vote in ("up", "down"):
            for channel in ("http", "telegram"):
                self.votes.labels(vote, channel)
        self.registry.register(_IndexCollector(get_engine))
        self.registry.register(_LoneQuestionCollector(get_chooser))

    def observe_request(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        method = method if method in ("GET", "POST", "HEAD", "OPTIONS") else "other"
        self.requests.labels(endpoint, method, str(status)).inc()
        self.latency.labels(endpoint, method).observe(seconds)

    def observe_answer(self, found: bool) -> None:
        self.answers.labels("answered" if found else "declined").inc()

    def observe_vote(self, vote: str, channel: str) -> None:
        self.votes.labels(vote, channel).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
