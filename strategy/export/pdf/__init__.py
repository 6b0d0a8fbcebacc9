"""PDF: pandoc's typst writer with typst.lua and strategy.typ, then typst.compile."""
