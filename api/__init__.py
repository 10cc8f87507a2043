"""Janji Check audit service: FastAPI app, persistence, auth, photo checks."""
