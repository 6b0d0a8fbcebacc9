"""Data coming in from outside: GUS BDL statistics (the API or a downloaded CSV), survey
exports of form tools, and project sheets filled in as XLSX forms, each turned into
section files that validate, or refused with located errors and nothing changed."""
