"""Uploaded documents: checked by content, stored outside static, downloaded only by who may see them."""
