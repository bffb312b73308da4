"""The conferences API: serializers, viewsets (views) and their routes (urls)."""
