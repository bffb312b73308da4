"""Generic API pieces every app builds on (scoped viewsets), and core's own API (the audit log)."""
