"""The request path: its transitions, the checklist, the next steps each role may take, the timeline, and its screens."""
