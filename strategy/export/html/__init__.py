"""HTML export: one accessible, self-contained HTML file (pandoc with html.lua)."""
