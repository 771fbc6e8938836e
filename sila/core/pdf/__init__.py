"""Arabic PDFs: rendering with WeasyPrint and the vendored fonts, never a fetch from outside."""
