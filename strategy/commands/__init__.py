"""The command line: one module per command; each parses, calls the pipeline, prints."""
