"""The accounts API: serializers, viewsets (views) and their routes (urls)."""
