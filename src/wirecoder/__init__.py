"""wirecoder: news reports about conflict and security in, a sourced event database out."""

__version__ = "0.1.0"

__all__ = ["__version__"]
