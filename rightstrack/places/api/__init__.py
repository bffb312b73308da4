"""The places API: serializers, viewsets (views) and their routes (urls)."""
