"""Programs written by other tools, read into an edition: the frab schedule (XML and JSON)."""
