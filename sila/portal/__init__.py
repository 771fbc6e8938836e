"""The e-services portal: applying, tracking, contacting the association."""
