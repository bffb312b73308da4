"""The reporting API: serializers, viewsets (views), their routes (urls), file renderers, 409 conflicts."""
