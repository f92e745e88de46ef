"""sspgen: docs-as-data and static site generator for Danish municipal SSP work."""

__version__ = "0.1.0"
