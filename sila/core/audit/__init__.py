"""Who did what: the flush listener that records every declared change, the labels it reads in, and its screen."""
