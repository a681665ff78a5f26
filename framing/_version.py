"""The package version: one place, importable from anywhere without a cycle."""

__version__ = "0.1.0"
