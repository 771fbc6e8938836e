"""The request's life, as guarded transitions every entry path calls."""
