"""The facility self-check web page: a router serving the page and its static assets."""
