"""DOCX: pandoc with reference.docx and docx.lua, then finishing the XML parts."""
