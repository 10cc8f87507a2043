"""Class list, data configs and synthetic training-data generation for Janji Check."""
