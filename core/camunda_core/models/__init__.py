"""Pydantic models of the REST v2 shapes the integration uses (snake_case in Python,
camelCase on the wire). Keys are strings."""
