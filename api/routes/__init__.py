"""routes of the audit service."""
