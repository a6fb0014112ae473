"""Reading reports: files → documents → passages."""
