"""The HTTP envelope: error pages, security headers, the health check, the proxy, the request log."""
