"""Operation builders: pure functions from arguments (and settings) to a ``Call``.

One module per domain of the REST v2 API. Both clients send what these build, so request
building and response parsing exist once.
"""
