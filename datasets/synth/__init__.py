"""Synthetic training data: flat media faces and their composites onto room photos."""
