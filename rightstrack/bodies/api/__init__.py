"""The bodies API: serializers, viewsets (views) and their routes (urls)."""
