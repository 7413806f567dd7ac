"""Evaluation against external annotated data (``../shared/benchmarks``)."""
