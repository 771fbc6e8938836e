"""Branch offices: the boundary of who sees and acts on which files."""
