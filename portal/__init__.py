"""The public e-services portal: applying, tracking a request and contacting the association, without a login."""
