"""Janji Check: finds Janji Layanan JKN media in photos of health facilities."""

__version__ = "0.1.0"
