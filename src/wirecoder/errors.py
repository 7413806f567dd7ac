"""The catalogue of wirecoder's error and warning messages, each with a stable code.

Users can search for a code; tests assert on codes, not on wording. Codes:
W1xx input (per document, recorded in the store, the batch goes on), W2xx pipeline,
W3xx store, W4xx configuration and usage, W5xx data files (ontology, dictionaries, gazetteer),
W6xx evaluation data.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["DataFileError", "ErrorCode", "InputError", "UsageError", "WirecoderError"]


class ErrorCode(Enum):
    # input: one document (or one file) could not be read
    W101 = "empty input: {origin} holds no text"
    W102 = "binary input: {origin} looks like binary data ({detail}), not text"
    W103 = "undecodable text: {origin} is not valid in any supported encoding ({detail})"
    W104 = "broken HTML: no main text could be extracted from {origin} ({detail})"
    W105 = "invalid JSON: {origin} line {line}: {detail}"
    W106 = "missing text field: {origin} record {line} has no '{field}' field (configure it with --text-field)"
    W107 = "unsupported language: {origin} looks like '{language}', not one of {languages}; skipped"
    W108 = "too large: {origin} is {size} characters; only the first {limit} were kept"
    W109 = "unreadable file: {origin}: {detail}"
    W110 = "unsupported format: {origin}: {detail}"
    W111 = "bad feed: {origin}: {detail}"
    W112 = "bad WARC: {origin}: {detail}"
    W113 = "bad CSV: {origin} row {line}: {detail}"
    W114 = "invalid date: {origin}: cannot read publication date '{value}'"
    W115 = "too short: {origin} has {words} words, fewer than {minimum}"
    W116 = "too large: {origin} is {size} bytes; only the first {limit} bytes were read"
    # pipeline
    W201 = "component '{component}' failed on {origin}: {detail}"
    W202 = "no publication date for {origin}: relative dates are left unresolved"
    # store
    W301 = "cannot open store {url}: {detail}"
    W302 = "store {url} has schema version {found}, newer than this wirecoder ({expected})"
    W303 = "no document with id {doc_id} in {url}"
    # usage
    W401 = "unknown component '{name}'; known components: {known}"
    W402 = "component '{component}' reads '{field}', which no earlier component writes"
    W403 = "no such path: {path}"
    W404 = "bad date '{value}': use YYYY-MM-DD"
    W405 = "unknown dataset '{name}'; known datasets: {known}"
    W406 = (
        "component '{component}' needs packages that are not installed ({missing}); "
        "install them with: pip install -e '.[embeddings]'"
    )
    W407 = "bad setting {name} = {value!r}: {detail}"
    # data files
    W501 = "invalid data file {path}: {detail}"
    W502 = "invalid data file {path} line {line}: {detail}"
    # evaluation
    W601 = "benchmark data not found: {path} ({detail})"
    W602 = "quality below floor: {metric} = {value:.4f} < {floor:.4f}"
    W603 = "evaluation of {dataset} failed: {detail}"
    W604 = "quality not measured: {dataset} gave no '{metric}' (floor {floor:.4f})"

    def format(self, **kwargs: object) -> str:
        """Return the message for this code, prefixed with the code."""
        return f"[{self.name}] " + self.value.format(**kwargs)


class WirecoderError(Exception):
    """Base class: every error wirecoder raises carries a catalogue code."""

    def __init__(self, code: ErrorCode, **kwargs: object) -> None:
        self.code = code
        self.params = kwargs
        super().__init__(code.format(**kwargs))


class InputError(WirecoderError):
    """A document or file could not be read; recorded per document, the batch goes on."""


class DataFileError(WirecoderError):
    """A data file (ontology, dictionary, gazetteer supplement) is invalid."""


class UsageError(WirecoderError):
    """Bad options or arguments."""
