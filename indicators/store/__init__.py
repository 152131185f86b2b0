"""The data store: table schemas, the build from data/sources, validated loading,
cross-table checks, import layers, queries.
"""
