"""services of the audit service."""
