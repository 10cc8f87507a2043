"""Prometheus metrics of one app instance (its own registry: no global state)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class Metrics:
    """Request latency, inference latency, queue depth, photo and evidence-image counts."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.request_seconds = Histogram(
            "janjicheck_request_seconds",
            "HTTP request latency in seconds, by route template, method and status.",
            ("route", "method", "status"),
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.inference_seconds = Histogram(
            "janjicheck_inference_seconds",
            "Time to check one photo on a worker (decode, detect, verify), seconds.",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "janjicheck_inference_queue_depth",
            "Jobs (photo checks, evidence images) running or waiting on the inference workers.",
            registry=self.registry,
        )
        self.photos = Counter(
            "janjicheck_photos_total",
            "Photos checked, by outcome (checked, rejected_input, busy).",
            ("outcome",),
            registry=self.registry,
        )
        self.evidence = Counter(
            "janjicheck_evidence_images_total",
            "Evidence images drawn, by trigger (on_demand: someone asked; background: idle).",
            ("trigger",),
            registry=self.registry,
        )
        self.evidence_pending = Gauge(
            "janjicheck_evidence_pending",
            "Photos whose evidence image is not drawn yet (as of the last idle check).",
            registry=self.registry,
        )

    def render(self) -> bytes:
        """Return the metrics in the Prometheus text format."""
        return generate_latest(self.registry)
