"""Support code for the tests: fake servers, generated documents, helpers."""
