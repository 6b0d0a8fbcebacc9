"""Every word a user reads, per language: messages of the commands, words of the document."""
